// Issue 14 item 6: at 375 px the lists are cards that keep status, totals and actions in view (no sideways
// scrolling), and at 1280 px the renewal-run and pipeline tables fit their cards.

import type { Locator, Page } from '@playwright/test';
import { expect, test, USERS } from '../fixtures/test.ts';

const PHONE = { width: 375, height: 740 };

/** Neither the page nor the table's own box scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, table: Locator) {
  const region = table.locator('xpath=ancestor::section[1]');
  const overflow = await region.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  const pageOverflow = await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(pageOverflow).toBeLessThanOrEqual(1);
}

async function expectInView(page: Page, locator: Locator) {
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box, 'the element is rendered').not.toBeNull();
  if (!box) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
}

test.describe('at 375 px', () => {
  test.use({ viewport: PHONE });

  test('invoices and the team are cards with status, total and actions in view', async ({
    page,
    signIn,
    expectNoA11yViolations,
  }) => {
    await signIn(USERS.alex);
    await page.goto('/invoices');
    const invoices = page.getByRole('table', { name: 'Invoices, newest first' });
    const first = invoices.getByRole('row').nth(1);
    await expect(first).toBeVisible();
    await expectNoSidewaysScroll(page, invoices);
    await expectInView(page, first.getByRole('rowheader'));
    await expectInView(page, first.getByRole('cell').filter({ hasText: /\d/ }).last());
    await expectInView(page, first.getByRole('link', { name: /^Download PDF/ }));
    // Each value carries its column's label on the card.
    await expect(first.locator('td[data-label="Total"]')).toBeVisible();
    await expectNoA11yViolations();

    await page.goto('/team');
    const team = page.getByRole('table', { name: 'People with access' });
    const alex = team.getByRole('row').filter({ hasText: 'alex@northwind.example' });
    await expect(alex).toBeVisible();
    await expectNoSidewaysScroll(page, team);
    await expectInView(page, alex.getByRole('button').first());
    await expectNoA11yViolations();
  });

  test('ops pipeline rows are cards with health and value in view', async ({ page, signIn }) => {
    await signIn(USERS.ops);
    await page.goto('/ops/pipeline');
    const pipeline = page.getByRole('table', { name: /^Renewal pipeline/ });
    const alpenrose = pipeline
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Alpenrose GmbH' }) });
    await expect(alpenrose).toContainText('At risk');
    await expectNoSidewaysScroll(page, pipeline);
    await expectInView(page, alpenrose.locator('td[data-label="Annual value"]'));
    await expectInView(page, alpenrose.locator('td[data-label="Health"]'));
  });

  test('finance ledger rows are cards', async ({ page, signIn, expectNoA11yViolations }) => {
    await signIn(USERS.finance);
    await page.goto('/finance/ledger');
    const ledger = page.getByRole('table', { name: 'Ledger entries' });
    await expect(ledger.getByRole('row').nth(1)).toBeVisible();
    await expectNoSidewaysScroll(page, ledger);
    await expectInView(page, ledger.getByRole('row').nth(1).locator('td[data-label="Amount"]'));
    await expectNoA11yViolations();
  });
});

test.describe('at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the pipeline and the renewal run tables fit their cards', async ({
    page,
    signIn,
    expectNoA11yViolations,
  }) => {
    await signIn(USERS.ops);
    await page.goto('/ops/pipeline');
    const pipeline = page.getByRole('table', { name: /^Renewal pipeline/ });
    await expect(pipeline.getByRole('rowheader').first()).toBeVisible();
    await expectNoSidewaysScroll(page, pipeline);

    await page.goto('/ops/renewals');
    await page.getByRole('button', { name: 'Run renewals now' }).click();
    const runs = page.getByRole('table', { name: 'Recent runs' });
    await expect(runs.getByRole('row').nth(1)).toBeVisible();
    await expectNoSidewaysScroll(page, runs);
    await expectNoA11yViolations();
  });
});
