// Auto-renew in the browser, with the demo clock: Harbor's admin saves a card on the emulator's hosted setup
// page and turns auto-renew on, agreeing to the exact terms; ops move the date to 30 days before the end and
// run the renewals, and read the notice in the mailbox; then to 7 days before (the final notice) and to the
// end, where the card is charged; the admin sees the renewal and its invoice, turns auto-renew off, and the
// confirmation is in the mailbox.
//
// The specs share one server and database. Northwind's statuses are pinned by the walking skeleton, Alpenrose
// is the pipeline's at-risk account, Kumo and Harbor's fleet platform are paid and quoted by other specs: this
// one renews Harbor's "港口作业" (CNY, 2-year term), which no other spec touches. Moving the shared server's
// clock would move it for the specs after this one too, so it is put back in `afterAll`, whatever happens,
// along with Li Wei's language (the other specs expect her in Chinese).

import { type APIRequestContext, type Browser, type Page, request } from '@playwright/test';
import { DEMO_PASSWORD, expect, test, USERS } from '../fixtures/test.ts';

const SUBSCRIPTION = 'sub_hb_port';
const LABEL = '港口作业';

function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set (global setup)');
  return url;
}

async function apiAs(email: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: baseUrl(), extraHTTPHeaders: { origin: baseUrl() } });
  const response = await api.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  if (response.status() !== 200) throw new Error(`sign-in as ${email}: ${response.status()}`);
  return api;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "Mar 13, 2030" as the app writes it (with no-break spaces), as a pattern that accepts any spaces. */
function datePattern(date: string): RegExp {
  const text = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
  return new RegExp(text.replace(/[\s\u00a0]+/g, '[\\s\\u00a0]+'));
}

async function signInOps(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(USERS.ops);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return page;
}

/** Ops move the portal's date on the renewal-run page and run the renewals, waiting for the run to finish. */
async function moveDateAndRun(ops: Page, date: string) {
  await ops.goto('/ops/renewals');
  await ops.getByLabel('Move to').fill(date);
  await ops.getByRole('button', { name: 'Move the date' }).click();
  await expect(ops.getByText(/^The portal’s date is now /)).toContainText(datePattern(date));
  await ops.getByRole('button', { name: 'Run renewals now' }).click();
  await expect(ops.getByText(/^Run for .* finished:/)).toContainText(datePattern(date), { timeout: 30_000 });
}

async function openMail(ops: Page, subject: RegExp) {
  await ops.goto('/ops/mailbox');
  await ops.getByLabel('To').fill('li.wei@harbor.example');
  await ops.getByRole('button', { name: 'Filter' }).click();
  await ops.getByRole('link', { name: subject }).first().click();
  await expect(ops.getByRole('heading', { level: 2, name: subject })).toBeVisible();
  return ops.frameLocator('iframe[title="The e-mail as its recipient sees it"]');
}

test.afterAll(async () => {
  // Put the shared server back as the other specs expect it, even when the test failed half-way.
  const ops = await apiAs(USERS.ops);
  const reset = await ops.put('/api/ops/clock', { data: { reset: true } });
  expect(reset.status()).toBe(200);
  await ops.dispose();
  const liWei = await apiAs(USERS.liWei);
  expect((await liWei.put('/api/me/locale', { data: { locale: 'zh-CN' } })).status()).toBe(204);
  await liWei.dispose();
});

test('an admin turns auto-renew on with a card; ops move the date, notices go out, the card is charged once; then it is turned off', async ({
  page,
  browser,
  signIn,
  expectNoA11yViolations,
}) => {
  test.setTimeout(180_000);
  await signIn(USERS.liWei);
  // Li Wei reads the portal in Chinese; this test reads it in English (afterAll puts Chinese back).
  expect(
    (
      await page.request.put('/api/me/locale', { data: { locale: 'en' }, headers: { origin: baseUrl() } })
    ).status(),
  ).toBe(204);
  const summary = await page.request.get(`/api/subscriptions/${SUBSCRIPTION}`);
  const { subscription } = (await summary.json()) as { subscription: { termEnd: string } };
  const termEnd = subscription.termEnd;

  // 1. Save a card on the emulator's hosted setup page.
  await page.goto(`/subscriptions/${SUBSCRIPTION}/auto-renew`);
  await expect(page.getByRole('heading', { level: 1, name: `Auto-renew: ${LABEL}` })).toBeVisible();
  await expect(page.getByText('No card is saved for automatic renewals.')).toBeVisible();
  await expectNoA11yViolations();
  await page.getByRole('button', { name: 'Save a card' }).click();
  await expect(page.getByRole('heading', { name: 'Save your card' })).toBeVisible();
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry date (MM / YY)').fill('12 / 34');
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByLabel('Name on card').fill('Li Wei');
  await page.getByRole('button', { name: 'Save card' }).click();
  await expect(page.getByText('The card is saved for automatic renewals.')).toBeVisible();
  await expect(page.getByText('Visa card ending in 4242').first()).toBeVisible();

  // 2. Turn it on for one year, agreeing to the terms shown.
  const turnOn = page.getByRole('region', { name: 'Turn on auto-renew' });
  await turnOn.getByRole('radio', { name: /^1 year: / }).check();
  const terms = turnOn.locator('.auto-renew-terms');
  await expect(terms).toContainText('Visa card ending in 4242');
  await expect(terms).toContainText('I can turn auto-renew off at any time');
  const optionText = (await turnOn.locator('label', { hasText: '1 year:' }).textContent()) ?? '';
  // The amount as digits ("45,600.00"): English writes CN¥, the Chinese e-mails ¥.
  const amount = optionText.match(/[\d,]+\.\d{2}/)?.[0] ?? '';
  expect(amount).not.toBe('');
  await expect(turnOn.getByRole('button', { name: 'Turn on auto-renew' })).toBeDisabled();
  await turnOn.getByLabel('I agree to these terms').check();
  await turnOn.getByRole('button', { name: 'Turn on auto-renew' }).click();
  await expect(page.getByText('Auto-renew is on. We sent a confirmation by e-mail.')).toBeVisible();
  const status = page.getByRole('region', { name: 'Status' });
  await expect(status).toContainText('On: renews for 1 year');
  await expect(status).toContainText(amount);
  await expect(status).toContainText(datePattern(termEnd));
  await expectNoA11yViolations();

  // 3. Ops: 30 days before the end, the first notice goes out; ops read it in the mailbox.
  const ops = await signInOps(browser);
  await moveDateAndRun(ops, addDays(termEnd, -30));
  await expect(ops.getByText(/\d+ notices? sent/).first()).toBeVisible();
  const notice = await openMail(ops, new RegExp(`「${LABEL}」将于 .* 自动续订`));
  await expect(notice.getByText(new RegExp(`¥${amount.replaceAll('.', '\\.')}`)).first()).toBeVisible();
  const offLink = notice.getByRole('link', { name: '关闭自动续订' });
  await expect(offLink).toBeVisible();
  await expectNoA11yViolationsOn(ops);

  // The one-click link opens a confirmation page, without signing in (not confirmed here: the charge is next).
  const anonymous = await browser.newContext();
  const linkPage = await anonymous.newPage();
  await linkPage.goto((await offLink.getAttribute('href')) ?? '');
  await expect(linkPage.getByRole('heading', { level: 1, name: '关闭自动续订' })).toBeVisible();
  await expect(linkPage.getByText(`「${LABEL}」（Harbor Logistics）将于`)).toBeVisible();
  await expect(linkPage.getByRole('button', { name: '关闭自动续订' })).toBeVisible();
  await expectNoA11yViolationsOn(linkPage);
  await anonymous.close();
  await ops.goto('/ops/renewals');
  await expect(ops.getByRole('heading', { level: 1, name: 'Renewal run' })).toBeVisible();
  await expectNoA11yViolationsOn(ops);

  // 4. Seven days before: the final notice. At the end: the charge.
  await moveDateAndRun(ops, addDays(termEnd, -7));
  await moveDateAndRun(ops, termEnd);
  await expect(ops.getByText(/1 renewed/).first()).toBeVisible();
  // Running again the same day charges nothing more.
  await ops.getByRole('button', { name: 'Run renewals now' }).click();
  await expect(ops.getByText(/^Run for .* finished: nothing was due/)).toBeVisible({ timeout: 30_000 });

  // 5. The admin sees the renewal (a year more) and its invoice.
  await page.goto(`/subscriptions/${SUBSCRIPTION}`);
  const newLastDay = addDays(addYears(termEnd, 1), -1);
  await expect(page.getByRole('heading', { name: LABEL })).toBeVisible();
  await expect(page.locator('main')).toContainText(datePattern(newLastDay));
  await expect(page.getByText('Renewed automatically').first()).toBeVisible();
  await page.goto('/invoices');
  const invoice = page.getByRole('row').filter({ hasText: LABEL }).first();
  await expect(invoice).toContainText(/INV-\d{4}-\d{6}/);
  await expect(invoice).toContainText('Paid');

  // 6. Turn it off: one click, confirmed on screen and by e-mail.
  await page.goto(`/subscriptions/${SUBSCRIPTION}/auto-renew`);
  await page.getByRole('button', { name: 'Turn off auto-renew' }).click();
  // The optional "why are you leaving?" step (issue 14): answering nothing still turns it off.
  await page.getByRole('button', { name: 'Turn off auto-renew' }).click();
  await expect(
    page.getByText(
      'Auto-renew is off. Nothing will be charged automatically; we sent a confirmation by e-mail.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Status' })).toContainText('Off');
  const confirmation = await openMail(ops, new RegExp(`「${LABEL}」已关闭自动续订`));
  await expect(confirmation.getByText('自动续订已关闭')).toBeVisible();
  await ops.context().close();
});

/** Calendar years later; 29 February becomes 28 February, as the portal's dates do. */
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + years, m - 1, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

async function expectNoA11yViolationsOn(page: Page) {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => v.id)).toEqual([]);
}
