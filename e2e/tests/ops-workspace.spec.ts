// Issue 13 items 6–7 (decision 021): ops find an account, open it, read its timeline, view the portal as the
// customer (read-only, a banner on every page) and end the view; at 1280 and 375 px, checked by axe.

import { expect, test, USERS } from '../fixtures/test.ts';

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 375, height: 740 },
]) {
  test(`ops find an account, read its timeline and view it as the customer (${viewport.width} px)`, async ({
    page,
    signIn,
    expectNoA11yViolations,
  }) => {
    await page.setViewportSize(viewport);
    await signIn(USERS.ops);
    await page.goto('/ops');
    await expect(page.getByRole('heading', { level: 1, name: 'Operations' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Subscriptions due' })).toBeVisible();
    await expectNoA11yViolations();

    await page.goto('/ops/accounts');
    await page.getByRole('searchbox', { name: 'Search' }).fill('alex@northwind');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: 'Northwind Traders' }).click();
    await expect(page.getByRole('heading', { name: 'Northwind Traders' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Everything that happened on the account, newest first' }),
    ).toBeVisible();
    await expectNoA11yViolations();

    const viewAs = page.getByRole('region', { name: 'View as customer' });
    await viewAs.getByRole('textbox', { name: /Reason/ }).fill('Customer asked us to check their dashboard');
    await viewAs.getByRole('button', { name: 'Start viewing' }).click();
    const banner = page.getByRole('status').filter({ hasText: 'as a customer, read-only' });
    await expect(banner).toContainText('Northwind Traders');
    await expect(page.getByRole('heading', { name: 'Subscriptions' })).toBeVisible();
    await page.goto('/invoices');
    await expect(banner).toBeVisible();
    await expectNoA11yViolations();

    await banner.getByRole('button', { name: 'End view' }).click();
    await expect(page.getByRole('heading', { name: 'Northwind Traders' })).toBeVisible();
    await expect(banner).toHaveCount(0);
  });
}
