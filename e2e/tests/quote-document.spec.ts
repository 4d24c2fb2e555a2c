// A quote procurement can use, in the browser at 1280 and 375 px: the seller and buyer with tax ids, the PO
// number, the server-made PDF, and accepting online with a typed name and title and the terms ticked; a
// Chinese-speaking admin reads the same in Simplified Chinese. axe finds no serious issue.

import type { Page } from '@playwright/test';
import { expect, test, USERS } from '../fixtures/test.ts';

async function makeQuote(page: Page, subscriptionId: string, body: Record<string, unknown>): Promise<string> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`/api/subscriptions/${subscriptionId}/quotes`, {
    data: body,
    headers: { origin },
  });
  expect(response.status()).toBeLessThan(300);
  return ((await response.json()) as { quote: { id: string } }).quote.id;
}

for (const width of [1280, 375]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('an admin sets the PO number, downloads the PDF and accepts the quote online', async ({
      page,
      signIn,
      expectNoA11yViolations,
    }) => {
      await signIn(USERS.alex);
      const quoteId = await makeQuote(page, 'sub_nw_support', {
        kind: 'renew',
        planCode: 'starter',
        termYears: width === 1280 ? 1 : 2,
        seats: 25,
      });
      await page.goto(`/quotes/${quoteId}`);
      const details = page.getByRole('region', { name: 'Purchasing details' });
      await expect(details).toContainText('Vendor Software Inc.');
      await expect(details).toContainText('Northwind Traders, Inc.');

      const download = page.getByRole('link', { name: 'Download PDF' });
      await expect(download).toBeVisible();
      const pdf = await page.request.get((await download.getAttribute('href')) ?? '');
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      await details.getByLabel('Purchase order (PO) number').fill(`PO-${width}`);
      await details.getByRole('button', { name: 'Save PO number' }).click();
      await expect(details.getByText('PO number saved.')).toBeVisible();
      await expectNoA11yViolations();

      // Nothing typed: the form says what is missing and sends nothing.
      await details.getByRole('button', { name: 'Accept quote' }).click();
      await expect(details.getByText('Type your full name.')).toBeVisible();
      await expect(details.getByText('Tick the box to accept the terms.')).toBeVisible();

      await details.getByLabel('Your full name').fill('Alex Rivera');
      await details.getByLabel('Your job title').fill('Head of Procurement');
      await details.getByRole('checkbox').check();
      await details.getByRole('button', { name: 'Accept quote' }).click();
      await expect(details.getByText(/Accepted by Alex Rivera, Head of Procurement/)).toBeVisible();
      await expect(details.getByText(`PO-${width}`)).toBeVisible();
      await expect(details.getByRole('button', { name: 'Accept quote' })).toHaveCount(0);
      const widths = await page
        .locator('html')
        .evaluate((html) => ({ scroll: html.scrollWidth, client: html.clientWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      await expectNoA11yViolations();
    });

    test('a member reads the purchasing details and downloads, but cannot accept', async ({
      page,
      signIn,
    }) => {
      await signIn(USERS.alex);
      const quoteId = await makeQuote(page, 'sub_nw_sales', {
        kind: 'renew',
        planCode: 'professional',
        termYears: width === 1280 ? 1 : 2,
        seats: 45,
      });
      await page.context().clearCookies();
      await signIn(USERS.morgan);
      await page.goto(`/quotes/${quoteId}`);
      const details = page.getByRole('region', { name: 'Purchasing details' });
      await expect(details).toContainText('Only an admin of your account can set the PO number');
      await expect(details.getByRole('button', { name: 'Accept quote' })).toHaveCount(0);
      await expect(page.getByRole('link', { name: 'Download PDF' })).toBeVisible();
    });

    test('a Chinese-speaking admin accepts in Simplified Chinese', async ({
      page,
      signIn,
      expectNoA11yViolations,
    }) => {
      await signIn(USERS.liWei);
      const quoteId = await makeQuote(page, 'sub_hb_fleet', {
        kind: 'renew',
        planCode: 'professional',
        termYears: width === 1280 ? 1 : 2,
        seats: 80,
      });
      await page.goto(`/quotes/${quoteId}`);
      const details = page.getByRole('region', { name: '采购信息' });
      await expect(details).toContainText('海港物流有限公司');
      await expect(details).toContainText('税号：91310115MA1H7XXXXX');
      await expect(page.getByRole('link', { name: '下载 PDF' })).toBeVisible();
      await details.getByLabel('您的姓名').fill('李伟');
      await details.getByLabel('您的职务').fill('采购经理');
      await details.getByRole('checkbox').check();
      await details.getByRole('button', { name: '接受报价单' }).click();
      await expect(details.getByText(/已由 李伟（采购经理/)).toBeVisible();
      await expectNoA11yViolations();
    });
  });
}
