// Offers and quotes in the browser: a customer compares the renewal options side by side, re-prices them with
// the seat picker, picks three years and gets the quote; a member compares without quoting; a Chinese-speaking
// admin sees the offers in Simplified Chinese and CNY.

import { expect, test, USERS } from '../fixtures/test.ts';

test('a customer compares offers, picks three years and gets the quote', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  await signIn(USERS.alex);
  const sales = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'Sales workspace' }) });
  await sales.getByRole('link', { name: 'Review offers' }).click();

  await expect(page).toHaveURL(/\/subscriptions\/sub_nw_sales\/offers/);
  await expect(page.getByRole('heading', { level: 1, name: 'Renewal offers' })).toBeVisible();
  const renewals = page.getByRole('region', { name: 'Renew Professional' });
  for (const term of ['1 year', '2 years', '3 years']) {
    await expect(renewals.getByRole('article', { name: term })).toBeVisible();
  }
  // 45 seats × $480.00 × 3 years = $64,800.00, less 15 % for three years and 5 % for renewing early.
  const threeYears = renewals.getByRole('article', { name: '3 years' });
  await expect(threeYears).toContainText('Recommended');
  await expect(threeYears).toContainText('$17,280.00');
  await expect(threeYears).toContainText('$51,840.00');
  await expect(threeYears).toContainText('$12,960.00 (20%)');
  const upgrade = page.getByRole('region', { name: 'Upgrade to Enterprise' });
  await expect(upgrade).toContainText('Single sign-on');
  await expect(upgrade).toContainText('Enterprise starts at 50 seats.');
  await expectNoA11yViolations();

  // The seat picker re-prices as it moves, and offers adding the seats now.
  const seats = page.getByLabel('Seats', { exact: true });
  await seats.fill('60');
  await expect(threeYears).toContainText('$69,120.00');
  await expect(page).toHaveURL(/seats=60/);
  await expect(page.getByRole('region', { name: 'Add seats now' })).toBeVisible();
  await seats.fill('45');
  await expect(threeYears).toContainText('$51,840.00');
  await expect(page.getByRole('region', { name: 'Add seats now' })).toHaveCount(0);

  await threeYears.getByRole('button', { name: 'Get quote for renewing Professional for 3 years' }).click();
  await expect(page).toHaveURL(/\/quotes\/quo_/);
  await expect(page.getByRole('heading', { level: 1, name: /^Quote Q-\d{4}-\d{6}$/ })).toBeVisible();
  const quote = page.getByRole('article', { name: /^Quote Q-\d{4}-\d{6}$/ });
  await expect(quote).toContainText('Northwind Traders');
  await expect(quote).toContainText('Renewal of Professional for 45 seats, 3 years');
  await expect(quote).toContainText('Multi-year discount, 3 years (15%)');
  await expect(quote).toContainText('-$9,720.00');
  await expect(quote.getByRole('row', { name: /Total/ })).toContainText('$51,840.00');
  await expect(page.getByRole('button', { name: 'Pay $51,840.00' })).toBeEnabled();
  await expect(page.getByText('We charge exactly $51,840.00, nothing more.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download PDF' })).toBeVisible();
  await expectNoA11yViolations();

  // Back on the offers, the open quote is pointed to.
  await page.getByRole('link', { name: 'Back to offers' }).click();
  await expect(page.getByRole('link', { name: /^View quote Q-/ })).toBeVisible();
});

test('a member compares the offers but cannot ask for a quote', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  await signIn(USERS.morgan);
  await page.goto('/subscriptions/sub_nw_sales/offers');
  await expect(page.getByRole('region', { name: 'Renew Professional' })).toBeVisible();
  await expect(page.getByText('only an admin of your account can request a quote')).toBeVisible();
  await expect(page.getByRole('button', { name: /Get quote/ })).toHaveCount(0);
  await expectNoA11yViolations();
});

test('offers read in Simplified Chinese and the account’s currency', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  await signIn(USERS.liWei);
  await page.goto('/subscriptions/sub_hb_fleet/offers');
  await expect(page.getByRole('heading', { level: 1, name: '续订方案' })).toBeVisible();
  const renewals = page.getByRole('region', { name: '续订 Professional' });
  // 80 seats × ¥3,200.00 × 3 years = ¥768,000.00, less 20 %.
  await expect(renewals.getByRole('article', { name: '3 年' })).toContainText('¥614,400.00');
  await expectNoA11yViolations();
});

test('another account’s offers are not shown', async ({ page, signIn }) => {
  await signIn(USERS.liWei);
  await page.goto('/subscriptions/sub_nw_sales/offers');
  await expect(page.getByText(/不存在|does not exist/)).toBeVisible();
});

test('ops see the catalog prices and the pricing rules in force', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  await signIn(USERS.ops);
  await page.getByRole('link', { name: 'Pricing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog and pricing' })).toBeVisible();
  await expect(page.getByLabel('JPY per seat and year').first()).toHaveValue('36000');
  await expect(page.getByLabel('3-year term discount (%)')).toHaveValue('15');
  await expect(page.getByRole('button', { name: /^Publish version \d+$/ })).toBeVisible();
  await expectNoA11yViolations();

  // A price the currency cannot have is refused before anything is sent.
  await page.getByLabel('JPY per seat and year').first().fill('36000.5');
  await page.getByRole('button', { name: 'Save Starter prices' }).click();
  await expect(page.getByText('Enter a whole amount above zero')).toBeVisible();
});
