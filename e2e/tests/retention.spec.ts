// Why customers leave, in the browser: turning auto-renew off asks for a reason on one optional screen (at
// 375 px, cancelled), then at 1280 px the reason brings the save offer ops configured, shown once, declined,
// and auto-renew is off; finance sees the churn-reasons chart on the KPIs page at both widths. axe stays clean.

import { expect, test, USERS } from '../fixtures/test.ts';

const SUBSCRIPTION = 'sub_nw_platform';

test.describe.configure({ mode: 'serial' });

test('at 375 px the reason screen fits and can be left without turning anything off', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(USERS.alex);
  await page.goto(`/subscriptions/${SUBSCRIPTION}/auto-renew`);
  await page.getByRole('button', { name: 'Turn off auto-renew' }).click();
  const form = page.getByRole('form', { name: 'Before you turn it off: why are you leaving?' });
  await expect(form).toBeVisible();
  await expect(form.getByRole('radio')).toHaveCount(7);
  await expectNoA11yViolations();
  const widths = await page
    .locator('html')
    .evaluate((html) => ({ scroll: html.scrollWidth, client: html.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  await form.getByRole('button', { name: 'Keep auto-renew on' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Status' })).not.toContainText('Off');
});

test('at 1280 px a reason brings the save offer once; declining it turns auto-renew off', async ({
  page,
  browser,
  signIn,
  expectNoA11yViolations,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const opsContext = await browser.newContext();
  const ops = await opsContext.newPage();
  await ops.goto('/sign-in');
  await ops.getByLabel('Email').fill(USERS.ops);
  await ops.getByLabel('Password').fill('renew-demo');
  await ops.getByRole('button', { name: 'Sign in', exact: true }).click();
  await ops.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  // Ops configure the offer on the pricing page: a wrong percentage is refused before anything is saved.
  await ops.goto('/ops/pricing');
  const reason = ops.getByRole('group', { name: 'Too expensive' });
  await reason.getByLabel('Offer').selectOption({ label: 'A discount on a 1-year renewal' });
  await reason.getByLabel('Extra discount (%)').fill('80');
  await ops.getByRole('button', { name: 'Save the offers' }).click();
  await expect(reason.getByText('Enter a whole number from 1 to 50')).toBeVisible();
  await reason.getByLabel('Extra discount (%)').fill('10');
  await ops.getByRole('button', { name: 'Save the offers' }).click();
  await expect(ops.getByText('Save offers saved. Customers see them from now on.')).toBeVisible();
  await ops.reload();
  await expect(
    ops.getByRole('group', { name: 'Too expensive' }).getByLabel('Extra discount (%)'),
  ).toHaveValue('10');
  await opsContext.close();

  await signIn(USERS.alex);
  await page.goto(`/subscriptions/${SUBSCRIPTION}/auto-renew`);
  await page.getByRole('button', { name: 'Turn off auto-renew' }).click();
  const form = page.getByRole('form', { name: 'Before you turn it off: why are you leaving?' });
  await form.getByRole('radio', { name: 'Too expensive' }).check();
  await form.getByLabel('Anything else you want to tell us (optional)').fill('Our budget shrank.');
  await form.getByRole('button', { name: 'Turn off auto-renew' }).click();

  const offer = page.getByRole('region', { name: 'One offer before you go' });
  await expect(offer).toContainText(
    /Renew Professional for 120 seats for 1 year at \$[\d,.]+ instead of \$[\d,.]+/,
  );
  await expectNoA11yViolations();
  await offer.getByRole('button', { name: 'No thanks, turn off auto-renew' }).click();
  await expect(page.getByText(/Auto-renew is off\./)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Status' })).toContainText('Off');
});

for (const width of [1280, 375]) {
  test(`finance sees why customers leave on the KPIs page at ${width} px`, async ({
    page,
    signIn,
    expectNoA11yViolations,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(USERS.finance);
    await page.goto('/finance/kpis');
    const chart = page.getByRole('region', { name: 'Why customers leave' });
    await expect(chart).toContainText('Too expensive');
    await expect(chart.getByRole('listitem').filter({ hasText: 'Too expensive' })).toContainText('1');
    await expect(chart).toContainText('Save offers shown: 1; accepted: 0.');
    await expectNoA11yViolations();
  });
}
