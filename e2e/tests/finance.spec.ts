// Finance in the browser, on the demo's Stripe history (seeded at the emulator when the portal starts): finance
// signs in, sees the seeded amount mismatch among the exceptions, resolves it with a note, downloads the
// reconciliation as CSV, looks at the ledger and a payment, and opens the renewal KPIs.

import { readFile } from 'node:fs/promises';
import { expect, test, USERS } from '../fixtures/test.ts';

test('finance resolves the seeded mismatch with a note, downloads the CSV and opens the KPIs', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  await signIn(USERS.finance);
  await expect(page).toHaveURL(/\/finance$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Reconciliation' })).toBeVisible();

  // The last run found one of each exception class; the amount mismatch is Alpenrose's renewal.
  const results = page.getByRole('region', { name: 'Results of the last run' });
  await expect(results).toContainText('Amount mismatch');
  // Reconciling again over the same data gives the same answer.
  await results.getByRole('button', { name: 'Reconcile again' }).click();
  await expect(results).toContainText('Same answer as the run before');
  const exceptions = page.getByRole('region', { name: 'Reconciliation exceptions' });
  for (const kind of ['Missing in the portal', 'Missing at Stripe', 'Currency mismatch', 'Duplicate']) {
    await expect(exceptions.getByText(kind, { exact: true })).toBeVisible();
  }
  const mismatch = exceptions.getByRole('row').filter({ hasText: 'Amount mismatch' });
  await expect(mismatch).toContainText('Alpenrose GmbH');
  await expect(mismatch).toContainText('€26,400.00');
  await expect(mismatch).toContainText('€25,900.00');
  await expectNoA11yViolations();

  await mismatch.getByRole('button', { name: /^Resolve Amount mismatch of / }).click();
  const dialog = page.getByRole('dialog', { name: 'Resolve: Amount mismatch' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Resolve with this note' }).click();
  await expect(dialog.getByLabel('Resolution note')).toBeFocused();
  await dialog
    .getByLabel('Resolution note')
    .fill('Sales granted a €500 goodwill discount at Stripe; credit note CN to follow.');
  await expectNoA11yViolations();
  await dialog.getByRole('button', { name: 'Resolve with this note' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Exception resolved.')).toBeVisible();
  await expect(exceptions.getByRole('row').filter({ hasText: 'Amount mismatch' })).toHaveCount(0);

  // Resolved, it shows with its note and who resolved it.
  await page.getByLabel('Show').selectOption('resolved');
  const resolved = exceptions.getByRole('row').filter({ hasText: 'Amount mismatch' });
  await expect(resolved).toContainText('Sales granted a €500 goodwill discount');
  await expect(resolved).toContainText('Resolved by finance@vendor.example');

  // The whole reconciliation as CSV (with a byte-order mark for Excel).
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download reconciliation (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^reconciliation-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await file.path()) ?? '', 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('Line,Class,Detail');
  expect(csv).toMatch(/amount_mismatch,amount,transaction,txn_\w+/);

  // The ledger, and a payment's page with its Stripe ids.
  await page.getByRole('link', { name: 'Ledger', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payments ledger' })).toBeVisible();
  const totals = page.getByRole('region', { name: 'Totals per currency of the selection' });
  await expect(totals.getByRole('row', { name: /^EUR/ })).toContainText('€26,400.00');
  const entries = page.getByRole('region', { name: 'Ledger entries' });
  await entries.getByRole('row').filter({ hasText: 'Alpenrose GmbH' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Payment pay_/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Stripe ids' })).toContainText(/pi_\w+/);
  await expectNoA11yViolations();

  // The renewal KPIs with their chart.
  await page.getByRole('link', { name: 'Renewal KPIs', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Renewal KPIs' })).toBeVisible();
  await expect(page.getByText('Logo renewal rate')).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Renewals due per month' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Revenue retention per currency', exact: true }),
  ).toContainText('USD');
  await expectNoA11yViolations();
});

test('customers and ops are refused the finance API', async ({ page, signIn }) => {
  await signIn(USERS.ops);
  expect((await page.request.get('/api/finance/ledger')).status()).toBe(403);
  expect((await page.request.get('/api/finance/reconciliation.csv')).status()).toBe(403);
});
