import { expect, test, USERS } from '../fixtures/test.ts';

test('a customer signs in, sees every status, opens a subscription, switches to Chinese and signs out', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  await page.goto('/sign-in');
  await expectNoA11yViolations();
  await signIn(USERS.alex);

  await expect(page.getByRole('heading', { name: 'Subscriptions' })).toBeVisible();
  const expected: [string, string][] = [
    ['Operations platform', 'Active'],
    ['Sales workspace', 'Renewal open'],
    ['Support desk', 'Expiring'],
    ['Warehouse team', 'In grace period'],
    ['Legacy analytics', 'Expired'],
    ['Enterprise pilot', 'Cancelled'],
  ];
  for (const [label, status] of expected) {
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: label }) });
    await expect(row).toContainText(status);
  }
  await expectNoA11yViolations();

  await page.getByRole('link', { name: 'Sales workspace' }).click();
  await expect(page.getByRole('heading', { name: 'Sales workspace' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
  await expectNoA11yViolations();

  await page.getByLabel('Language').selectOption({ label: '简体中文' });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '订阅' })).toBeVisible();
  await expectNoA11yViolations();

  // Leave Alex's saved preference as it was for the other specs (the page stays in Chinese until sign-out).
  const reset = await page.request.put('/api/me/locale', {
    data: { locale: 'en' },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(reset.status()).toBe(204);

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('another account’s subscription is not shown to a customer', async ({ page, signIn }) => {
  await signIn(USERS.liWei);
  await page.goto('/subscriptions/sub_nw_platform');
  await expect(page.getByText(/does not exist or is not yours|不存在/)).toBeVisible();
});

test('staff land on their own home and cannot see customer pages', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  await signIn(USERS.finance);
  await expect(page).toHaveURL(/\/finance/);
  await expectNoA11yViolations();
  const response = await page.request.get('/api/subscriptions');
  expect(response.status()).toBe(403);
});
