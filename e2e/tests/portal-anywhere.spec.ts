// Issue 14 (14b) in the browser, at 1280 px and at 375 px: renewing from any subscription page, the offers'
// seat checks, the phone menu, the 404 in the signed-in frame, and a Chinese walk where every visible string
// must come from the Chinese catalogue (with a proof that the check catches English).

import { englishPhrases, foreignTexts, recordDataWords } from '../fixtures/catalogue-check.ts';
import { expect, test, USERS } from '../fixtures/test.ts';

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 740 },
] as const;

for (const viewport of WIDTHS) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('every page of a renewable subscription offers the renewal with the days left', async ({
      page,
      signIn,
      expectNoA11yViolations,
    }) => {
      test.slow(); // three pages, each checked by axe
      await signIn(USERS.alex);
      for (const path of [
        '/subscriptions/sub_nw_sales',
        '/subscriptions/sub_nw_sales/auto-renew',
        '/subscriptions/sub_nw_sales/value-report',
      ]) {
        await page.goto(path);
        const callout = page.getByRole('region', { name: 'Renewal of Sales workspace' });
        await expect(callout).toContainText(/\d+ days left/);
        await expect(callout.getByRole('link', { name: 'Review offers' })).toBeVisible();
        await expectNoA11yViolations();
      }
      // A cancelled subscription cannot be renewed from here: no call-out.
      await page.goto('/subscriptions/sub_nw_pilot');
      await expect(page.getByRole('heading', { level: 1, name: 'Enterprise pilot' })).toBeVisible();
      await expect(page.getByRole('region', { name: /^Renewal of / })).toHaveCount(0);
      // …and it says so instead of offering auto-renew (issue 14 item 7), and it cannot be let lapse.
      await expect(
        page.getByText('A cancelled or expired subscription cannot renew automatically.'),
      ).toBeVisible();
      await expect(page.getByRole('region', { name: 'Not renewing?' })).toHaveCount(0);

      await page.goto('/subscriptions/sub_nw_sales');
      await page
        .getByRole('region', { name: 'Renewal of Sales workspace' })
        .getByRole('link', { name: 'Review offers' })
        .click();
      await expect(page).toHaveURL(/\/subscriptions\/sub_nw_sales\/offers/);
    });

    test('offers show the seats each card prices and are disabled while the seat count is invalid', async ({
      page,
      signIn,
      expectNoA11yViolations,
    }) => {
      await signIn(USERS.alex);
      await page.goto('/subscriptions/sub_nw_sales/offers');
      const threeYears = page.getByRole('region', { name: 'Renew Professional' }).getByRole('article', {
        name: '3 years',
      });
      await expect(threeYears).toContainText('45 seats');
      const quoteButtons = page.getByRole('button', { name: /^Get quote/ });
      await expect(quoteButtons.first()).toBeEnabled();
      await page.getByLabel('Seats', { exact: true }).fill('0');
      await expect(page.getByText(/^Choose from \d+ to \d+ seats$/)).toBeVisible();
      for (const button of await quoteButtons.all()) await expect(button).toBeDisabled();
      await expectNoA11yViolations();
      await page.getByLabel('Seats', { exact: true }).fill('45');
      await expect(quoteButtons.first()).toBeEnabled();
    });

    test('an unknown address keeps the signed-in frame', async ({ page, signIn }) => {
      await signIn(USERS.alex);
      await page.goto('/no/such/page');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('banner')).toContainText('Northwind');
      if (viewport.width < 640) await page.getByRole('button', { name: 'Menu' }).click();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    });

    test('the pages fit the screen without sideways scrolling', async ({ page, signIn }) => {
      await signIn(USERS.alex);
      for (const path of [
        '/',
        '/subscriptions/sub_nw_sales',
        '/subscriptions/sub_nw_sales/offers',
        '/billing',
      ]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
    });
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the navigation opens from a Menu button that is keyboard and screen-reader friendly', async ({
    page,
    signIn,
    expectNoA11yViolations,
  }) => {
    await signIn(USERS.alex);
    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('link', { name: 'Invoices' })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('link', { name: 'Subscriptions' })).toBeFocused();
    await expect(page.getByRole('link', { name: 'Invoices' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expectNoA11yViolations();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();
    await expect(page.getByRole('link', { name: 'Invoices' })).toBeHidden();

    // Following a link closes the menu.
    await menu.click();
    await page.getByRole('link', { name: 'Invoices' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
  });
});

test.describe('in Chinese', () => {
  const JOURNEY = [
    '/',
    '/subscriptions/sub_hb_fleet',
    '/subscriptions/sub_hb_fleet/offers',
    '/subscriptions/sub_hb_fleet/auto-renew',
    '/invoices',
    '/billing',
    '/team',
  ];

  for (const viewport of WIDTHS) {
    test(`every visible string on the journey comes from the Chinese catalogue at ${viewport.width} px`, async ({
      page,
      signIn,
    }) => {
      test.slow(); // seven pages
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const english = englishPhrases();
      const dataWords = recordDataWords(page);
      await signIn(USERS.liWei);
      const problems: string[] = [];
      for (const path of JOURNEY) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await page.waitForLoadState('networkidle');
        for (const text of await foreignTexts(page, english, dataWords)) problems.push(`${path}: ${text}`);
      }
      expect(problems).toEqual([]);
    });
  }

  test('the check is not vacuous: it flags the English interface', async ({ page, signIn }) => {
    const english = englishPhrases();
    const dataWords = recordDataWords(page);
    await signIn(USERS.alex);
    await page.goto('/subscriptions/sub_nw_sales');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const flagged = await foreignTexts(page, english, dataWords);
    expect(flagged).toContain('Review offers');
    expect(flagged.length).toBeGreaterThan(5);
  });
});
