// Paying a quote in the browser, against the Stripe emulator's hosted page on its own port: a demo admin
// pays a 3-year renewal with 4242…, sees the new last day of service and downloads the invoice PDF; a
// declined card shows the payment page's message and changes nothing in the portal.
//
// The specs share one server and database. Every Northwind subscription's status is pinned by the walking
// skeleton, and Alpenrose is the pipeline's at-risk account, so the successful payment renews Kumo Systems'
// "Service operations" (JPY, a zero-decimal currency); the decline, which changes nothing, uses Northwind's
// "Support desk".

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, USERS } from '../fixtures/test.ts';

const HARUKA = 'haruka@kumo.example';

/** The calendar date `days` from today (UTC, the server's time zone), `years` later, minus a day. */
function lastDayAfter(days: number, years: number): Date {
  const today = new Date();
  const termEnd = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));
  const renewed = new Date(
    Date.UTC(termEnd.getUTCFullYear() + years, termEnd.getUTCMonth(), termEnd.getUTCDate()),
  );
  return new Date(renewed.getTime() - 86_400_000);
}

/** "Mar 13, 2030" as the app writes it (with no-break spaces), as a pattern that accepts any spaces. */
function datePattern(date: Date): RegExp {
  const text = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  return new RegExp(text.replace(/[\s\u00a0]+/g, '[\\s\\u00a0]+'));
}

async function fillCard(page: Page, number: string) {
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry date (MM / YY)').fill('12 / 34');
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByLabel('Name on card').fill('Test Buyer');
}

/** The summary step before the payment page: checked, terms accepted, on to the payment page. */
async function confirmAndContinue(page: Page) {
  const summary = page.getByRole('region', { name: 'Check before you pay' });
  await expect(summary).toBeVisible();
  await page.getByLabel(/I accept the quote's terms/).check();
  await summary.getByRole('button', { name: /^Continue to payment of / }).click();
}

async function quoteThreeYears(page: Page, subscriptionLabel: string) {
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: subscriptionLabel }) });
  await row.getByRole('link', { name: /^(Review offers|Renew)$/ }).click();
  const threeYears = page.getByRole('region', { name: /^Renew / }).getByRole('article', { name: '3 years' });
  await threeYears.getByRole('button', { name: /^Get quote for renewing .* for 3 years$/ }).click();
  await expect(page).toHaveURL(/\/quotes\/quo_/);
}

test('a customer pays a 3-year renewal by card, sees the new last day and downloads the invoice', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  test.slow(); // the longest walk of the suite: summary, payment page, success, invoice, PDF
  await signIn(HARUKA);
  await quoteThreeYears(page, 'Service operations');
  const pay = page.getByRole('button', { name: /^Pay ¥[\d,]+$/ });
  await expect(pay).toBeEnabled();
  await expect(page.getByLabel('Renew automatically next time')).not.toBeChecked();
  await expectNoA11yViolations();
  const amount = ((await pay.textContent()) ?? '').replace('Pay ', '');

  await pay.click();
  // The summary before paying: what, term, seats, who is invoiced, amount and tax, method, terms.
  const summary = page.getByRole('region', { name: 'Check before you pay' });
  await expect(summary).toContainText('Renewal of Enterprise');
  await expect(summary).toContainText('150 seats');
  await expect(summary).toContainText(`Total ${amount}`);
  await expect(summary).toContainText('Kumo Systems');
  await expect(summary).toContainText('Card, entered on the secure payment page');
  await expectNoA11yViolations();
  await confirmAndContinue(page);
  // The emulator's hosted Checkout page, on its own port.
  await expect(page.getByRole('heading', { name: 'Amount due' })).toBeVisible();
  expect(new URL(page.url()).port).not.toBe(new URL(process.env.E2E_BASE_URL ?? '').port);
  await expect(page.getByLabel('Order summary')).toContainText('Renewal of Enterprise, 150 seats, 3 years');
  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay / }).click();

  // Back in the portal: the success page waits for the payment to be applied, then shows the new last day.
  await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_/);
  const outcome = page.getByText(/now runs until/);
  await expect(outcome).toBeVisible();
  await expect(outcome).toContainText('Service operations');
  await expect(outcome).toContainText(datePattern(lastDayAfter(110, 3)));
  await expect(page.getByText(`Paid ${amount} for quote Q-`)).toBeVisible();
  await expect(page.getByText(/^The receipt was e-mailed to \S+@\S+\.$/)).toBeVisible();
  await expectNoA11yViolations();

  const invoiceLink = page.getByRole('link', { name: /^View invoice INV-\d{4}-\d{6}$/ });
  const invoiceNumber = ((await invoiceLink.textContent()) ?? '').replace('View invoice ', '');
  await invoiceLink.click();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${invoiceNumber}` })).toBeVisible();
  const invoice = page.getByRole('article', { name: /^Invoice INV-/ });
  await expect(invoice).toContainText('Kumo Systems Kabushiki Kaisha');
  await expect(invoice).toContainText('Renewal of Enterprise, 150 seats, 3 years');
  await expect(invoice).toContainText('Visa card ending in 4242');
  await expect(invoice.getByRole('row', { name: /^Total/ })).toContainText(amount);
  await expectNoA11yViolations();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${invoiceNumber}.pdf`);
  const path = await file.path();
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');

  // The subscription shows the new term, and the invoice is listed.
  await page.getByRole('link', { name: 'Subscriptions' }).click();
  const row = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'Service operations' }) });
  await expect(row).toContainText('Active');
  await page.getByRole('link', { name: 'Invoices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
  const listed = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: invoiceNumber }) });
  await expect(listed).toContainText('Service operations');
  await expect(listed).toContainText('Paid');
  await expectNoA11yViolations();
});

test('a member reads the billing details but cannot pay or change them', async ({ page, signIn }) => {
  await signIn(USERS.morgan);
  await page.getByRole('link', { name: 'Billing details' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Billing details' })).toBeVisible();
  await expect(page.getByText('Northwind Traders, Inc.')).toBeVisible();
  await expect(page.getByText('Only an admin of your account can change the billing details.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save billing details' })).toHaveCount(0);
});

// Confirm-before-paying (the summary, a decline, Cancel) and the billing form at both widths (issue 14).
for (const width of [1280, 375]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('a declined card shows a clear message on the payment page and changes nothing', async ({
      page,
      signIn,
    }) => {
      test.slow(); // quote, summary, payment page and back
      await signIn(USERS.alex);
      const invoiceCount = async () =>
        ((await (await page.request.get('/api/invoices')).json()) as { invoices: unknown[] }).invoices.length;
      const invoicesBefore = await invoiceCount();
      const support = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: 'Support desk' }) });
      await expect(support).toContainText('Expiring');
      await quoteThreeYears(page, 'Support desk');
      const quoteUrl = page.url();
      await page.getByRole('button', { name: /^Pay \$[\d,.]+$/ }).click();
      await confirmAndContinue(page);

      await expect(page.getByRole('heading', { name: 'Amount due' })).toBeVisible();
      await fillCard(page, '4000 0000 0000 0002');
      await page.getByRole('button', { name: /^Pay / }).click();
      await expect(page.getByRole('alert')).toContainText('Your card was declined.');
      await expect(page.getByRole('heading', { name: 'Amount due' })).toBeVisible();

      // Cancel on the payment page: back on the quote, which says nothing was charged.
      await page.getByRole('link', { name: 'Cancel and go back' }).click();
      await expect(page).toHaveURL(/\/quotes\/quo_.*checkout=cancelled/);
      await expect(page.getByText('Payment cancelled')).toBeVisible();
      await expect(page.getByText(/Nothing was charged/)).toBeVisible();

      // Nothing changed in the portal: the quote is still open and payable, the term and status are as before.
      await page.goto(quoteUrl);
      await expect(page.getByRole('button', { name: /^Pay \$[\d,.]+$/ })).toBeEnabled();
      await expect(page.getByText('Open', { exact: true })).toBeVisible();
      await page.goto('/');
      await expect(
        page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Support desk' }) }),
      ).toContainText('Expiring');
      expect(await invoiceCount()).toBe(invoicesBefore);
    });

    test('an admin keeps the billing details, picking the country and the state', async ({
      page,
      signIn,
      expectNoA11yViolations,
    }) => {
      await signIn(USERS.alex);
      // On a phone the navigation is behind the Menu button.
      if (width === 375) await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('link', { name: 'Billing details' }).click();
      await expect(page.getByLabel('Legal name')).toHaveValue('Northwind Traders, Inc.');
      await expect(page.getByLabel('Country')).toHaveValue('US');
      await expect(page.getByLabel('State or province (optional)')).toHaveValue('CA');
      // Two columns at 1280 px: the city and the postal code side by side, the legal name across both; one
      // column at 375 px, without sideways scrolling.
      const city = await page.getByLabel('City').boundingBox();
      const postalCode = await page.getByLabel('Postal code (optional)').boundingBox();
      const legalName = await page.getByLabel('Legal name').boundingBox();
      if (width === 1280) {
        expect(city && postalCode && Math.abs(city.y - postalCode.y) < 2).toBe(true);
        expect(legalName && city && legalName.width > city.width * 1.8).toBe(true);
      } else {
        expect(city && postalCode && postalCode.y > city.y + city.height - 2).toBe(true);
        const widths = await page
          .locator('html')
          .evaluate((html) => ({ scroll: html.scrollWidth, client: html.clientWidth }));
        expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      }
      await expectNoA11yViolations();

      // Another country offers its own states and drops the one that is not its own.
      await page.getByLabel('Country').selectOption({ label: 'Germany' });
      const state = page.getByLabel('State or province (optional)');
      await expect(state).toHaveValue('');
      await expect(state.getByRole('option', { name: 'Bavaria' })).toHaveCount(1);
      await page.getByLabel('Country').selectOption({ label: 'United States' });
      await state.selectOption({ label: 'California' });

      await page.getByLabel('Legal name').fill('');
      await page.getByRole('button', { name: 'Save billing details' }).click();
      await expect(page.getByLabel('Legal name')).toBeFocused();
      await page.getByLabel('Legal name').fill('Northwind Traders, Inc.');
      await page.getByLabel('Tax ID (optional)').fill('US-94-1234567');
      await page.getByRole('button', { name: 'Save billing details' }).click();
      await expect(page.getByText('Billing details saved. New invoices use them.')).toBeVisible();
      await page.reload();
      await expect(page.getByLabel('Tax ID (optional)')).toHaveValue('US-94-1234567');
      await expect(page.getByLabel('State or province (optional)')).toHaveValue('CA');
    });
  });
}
