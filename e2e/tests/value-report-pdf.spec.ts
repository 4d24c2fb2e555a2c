// The value report's "Download PDF" at 1280 and 375 px: a real PDF made on the server (no print dialog), in
// the reader's language; axe finds no serious issue on the page.

import { readFileSync } from 'node:fs';
import { expect, test, USERS } from '../fixtures/test.ts';

for (const width of [1280, 375]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('a customer downloads the value report as a PDF', async ({
      page,
      signIn,
      expectNoA11yViolations,
    }) => {
      await signIn(USERS.alex);
      await page.goto('/subscriptions/sub_nw_platform/value-report');
      const link = page.getByRole('link', { name: 'Download PDF' });
      await expect(link).toBeVisible();
      await expect(link).toHaveAttribute('href', /value-report\/pdf\?term=current&lang=en$/);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/^value-report-Operations-platform-.+\.pdf$/);
      const bytes = readFileSync((await download.path()) ?? '');
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
      await expectNoA11yViolations();
    });

    test('in Chinese the PDF is asked for in Chinese', async ({ page, signIn, expectNoA11yViolations }) => {
      await signIn(USERS.liWei);
      await page.goto('/subscriptions/sub_hb_fleet/value-report');
      const link = page.getByRole('link', { name: '下载 PDF' });
      await expect(link).toHaveAttribute('href', /lang=zh-CN$/);
      const response = await page.request.get((await link.getAttribute('href')) ?? '');
      expect(response.headers()['content-type']).toBe('application/pdf');
      await expectNoA11yViolations();
    });
  });
}
