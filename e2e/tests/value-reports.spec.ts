import { expect, test, USERS } from '../fixtures/test.ts';

test('a customer opens the value report from the dashboard, reads highlights and charts, and switches to the previous term', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  await signIn(USERS.alex);
  await expect(page.getByRole('heading', { name: 'Subscriptions' })).toBeVisible();
  const platform = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'Operations platform' }) });
  await platform.getByRole('link', { name: 'Value report' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: 'Value report: Operations platform' }),
  ).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Term' }).getByRole('link', { name: 'Current term' }),
  ).toHaveAttribute('aria-current', 'page');
  const highlights = page.getByRole('region', { name: 'Highlights' });
  await expect(highlights.getByRole('listitem').first()).toContainText(
    /Your team ran [\d,]+ automations, \d+ % more/,
  );
  await expect(highlights.getByRole('listitem')).toHaveCount(5);
  const usersChart = page.getByRole('figure', { name: 'Active users per month' });
  await expect(usersChart.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(usersChart.locator('.recharts-line-curve')).toHaveCount(2);
  await usersChart.getByText('Show the figures as a table').click();
  await expect(
    usersChart.getByRole('table', { name: 'Active users per month' }).getByRole('row'),
  ).not.toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Download PDF' })).toBeVisible();
  await expectNoA11yViolations();

  await page.getByRole('link', { name: 'Previous term' }).click();
  await expect(page).toHaveURL(/value-report\?term=previous$/);
  await expect(page.getByRole('link', { name: 'Previous term' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('region', { name: 'Highlights' }).getByRole('listitem').first()).toContainText(
    'automations',
  );
  await expectNoA11yViolations();

  // Also reachable from the subscription's own page.
  await page.getByRole('link', { name: 'Back to the subscription' }).click();
  await page.getByRole('link', { name: 'Value report' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Value report: Operations platform' }),
  ).toBeVisible();
});

test('the value report speaks Simplified Chinese to a Chinese-speaking customer', async ({
  page,
  signIn,
}) => {
  await signIn(USERS.liWei);
  await page.goto('/subscriptions/sub_hb_fleet/value-report');
  await expect(page.getByRole('heading', { level: 1, name: '价值报告：车队调度平台' })).toBeVisible();
  await expect(page.getByRole('region', { name: '要点' }).getByRole('listitem').first()).toContainText(
    '自动化',
  );
});

test('another account’s value report is not shown', async ({ page, signIn }) => {
  await signIn(USERS.liWei);
  await page.goto('/subscriptions/sub_nw_platform/value-report');
  await expect(page.getByText(/不存在|does not exist/)).toBeVisible();
});

test('ops sees the at-risk account in the renewal pipeline, filters it and downloads CSV', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  await signIn(USERS.ops);
  await page.getByRole('link', { name: 'Renewal pipeline' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Renewal pipeline' })).toBeVisible();
  const alpenrose = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Alpenrose GmbH' }) });
  await expect(alpenrose).toContainText('At risk');
  await expect(alpenrose).toContainText('Usage falling');
  await expectNoA11yViolations();

  await page.getByLabel('Risk').selectOption({ label: 'At risk only' });
  await expect(page.getByRole('rowheader')).toHaveCount(1);
  await expect(page.getByRole('rowheader')).toHaveText('Alpenrose GmbH');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^renewal-pipeline-\d{4}-\d{2}-\d{2}\.csv$/);
});

test('ops creates a usage API key, sees it once, and revokes it', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  await signIn(USERS.ops);
  await page.getByRole('link', { name: 'API keys' }).click();
  await page.getByLabel('Name', { exact: true }).first().fill('E2E exporter');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText('Copy the key now')).toBeVisible();
  await expect(page.locator('.api-key-secret')).toHaveText(/^rpk_[a-z2-7]{32}$/);
  await expectNoA11yViolations();
  await page.getByRole('button', { name: 'Revoke the key E2E exporter' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText('The key “E2E exporter” is revoked.')).toBeVisible();
});
