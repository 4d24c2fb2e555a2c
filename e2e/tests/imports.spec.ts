// Ops import a small accounts CSV in the browser, at 1280 and 375 px: upload, the dry run's counts and the
// refused row's reason, Apply after a confirmation, the result, and the import in the history. axe stays clean.

import { expect, test, USERS } from '../fixtures/test.ts';

test.describe.configure({ mode: 'serial' });

function accountsFile(prefix: string): string {
  return [
    'external_id,name,currency,country,city',
    `${prefix}-1,${prefix} Alpha GmbH,EUR,DE,Berlin`,
    `${prefix}-2,${prefix} Beta SARL,EUR,FR,Paris`,
    `${prefix}-3,,EUR,DE,Hamburg`,
    '',
  ].join('\r\n');
}

for (const width of [1280, 375]) {
  test(`at ${width} px ops import accounts: dry run, then apply`, async ({
    page,
    signIn,
    expectNoA11yViolations,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(USERS.ops);
    await page.goto('/ops/imports');
    await expect(page.getByRole('heading', { name: 'Imports', level: 1 })).toBeVisible();
    await page.getByLabel('What the file holds').selectOption('accounts');
    await expect(page.getByRole('link', { name: 'Download the Accounts template' })).toHaveAttribute(
      'href',
      '/api/ops/imports/templates/accounts',
    );
    const fileName = `e2e-${width}.csv`;
    await page.getByLabel('CSV file (UTF-8)').setInputFiles({
      name: fileName,
      mimeType: 'text/csv',
      buffer: Buffer.from(accountsFile(`E2E${width}`)),
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();

    const panel = page.getByRole('region', { name: `Import of ${fileName}` });
    await expect(panel.getByText('Ready to apply')).toBeVisible();
    const dryRun = panel
      .getByRole('group', { name: 'Dry run: what would happen' })
      .or(panel.getByLabel('Dry run: what would happen'));
    await expect(dryRun).toContainText('Created2');
    await expect(dryRun).toContainText('Refused1');
    await expect(panel.getByRole('table', { name: 'Rows' })).toContainText('Row 4');
    await expect(panel.getByRole('table', { name: 'Rows' })).toContainText('name: A value is required');
    // A reload keeps the import on screen (it is in the address).
    await page.reload();
    await expect(panel.getByText('Ready to apply')).toBeVisible();
    await expectNoA11yViolations();
    const widths = await page
      .locator('html')
      .evaluate((html) => ({ scroll: html.scrollWidth, client: html.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);

    await panel.getByRole('button', { name: 'Apply…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply this import?' });
    await expect(dialog).toContainText('2 records will be created');
    await dialog.getByRole('button', { name: 'Apply the import' }).click();
    await expect(panel.getByText('Applied', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByLabel('Result')).toContainText('Created2');
    await expect(panel.getByRole('link', { name: 'Download the refused row (CSV)' })).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Import history' }).getByRole('link', { name: fileName }),
    ).toBeVisible();
  });
}
