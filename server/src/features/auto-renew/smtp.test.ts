// Auto-renew e-mail over a real SMTP server (started by the test): notices are delivered by the outbox worker;
// when a notice cannot be delivered (the server refuses it for good) the charge is held back and ops are told,
// and a temporary refusal is retried until it goes through.

import { afterEach, describe, expect, it } from 'vitest';
import { deliverDueEmails } from '../../platform/notifications/delivery.ts';
import { createSmtpMailer, type Mailer } from '../../platform/notifications/mailer.ts';
import {
  intentsOf,
  outbox,
  renewalOf,
  runAt,
  SALES,
  saveCard,
  stripeCustomerOf,
  turnOn,
} from '../../testing/auto-renew.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { startTestSmtpServer } from '../../testing/smtp.ts';

const NORTHWIND_BILLING = ['alex@northwind.example', 'ap@northwind.example'];

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let mailer: Mailer;

afterEach(async () => {
  mailer.close();
  await ctx.dispose();
  await smtp.close();
});

async function setUp() {
  smtp = await startTestSmtpServer();
  ctx = await createTestContext({ env: { SMTP_URL: smtp.url } });
  mailer = createSmtpMailer(smtp.url, { timeoutMs: 5_000 });
  const alex = await ctx.signedIn('alex@northwind.example');
  await saveCard(ctx, alex, SALES);
  await turnOn(alex, SALES, 1);
  await deliverDueEmails(ctx, mailer);
}

describe('auto-renew e-mail over SMTP', () => {
  it('delivers the confirmation and the notices to the SMTP server', async () => {
    await setUp();
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
      'alex@northwind.example',
      'ap@northwind.example',
    ]);
    await runAt(ctx, '2026-12-27T03:00:00.000Z');
    expect((await outbox(ctx, { template: 'auto_renew_notice' })).map((e) => e.status)).toEqual([
      'pending',
      'pending',
    ]);
    expect(await deliverDueEmails(ctx, mailer)).toMatchObject({ sent: 2, failed: 0 });
    const notice = smtp.received.find((m) => m.raw.includes('renews automatically'));
    expect(notice?.raw).toContain('Subject: Sales workspace renews automatically on January 26, 2027');
    expect(notice?.raw).toContain('/auto-renew/off?token=');
  });

  it('holds the charge back and tells ops when the last notice could not be delivered', async () => {
    await setUp();
    await runAt(ctx, '2026-12-27T03:00:00.000Z');
    await deliverDueEmails(ctx, mailer);
    await runAt(ctx, '2027-01-19T03:00:00.000Z');
    // Other customers' reminders fall due at the same time; only Northwind's mailboxes refuse.
    smtp.refuseMailTo(NORTHWIND_BILLING, 550);
    expect(await deliverDueEmails(ctx, mailer)).toMatchObject({ failed: 2 });
    const failed = await outbox(ctx, { template: 'auto_renew_notice_final' });
    expect(failed.map((e) => e.status)).toEqual(['failed', 'failed']);

    // A notice that bounced was never given: the charge moves by the final notice's lead time, and the
    // final notice goes out again stating the new date.
    const report = await runAt(ctx, '2027-01-26T03:00:00.000Z');
    expect(report.stats.notices_sent).toBe(1);
    expect(await renewalOf(ctx, SALES)).toMatchObject({
      state: 'deferred',
      due_date: '2027-02-02',
      last_error_code: 'notice_lead_time',
    });
    expect(await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'))).toHaveLength(0);
    smtp.acceptAll();
    await deliverDueEmails(ctx, mailer);
    const alert = smtp.received.find((m) => m.to.includes('ops@vendor.example'));
    expect(alert?.raw).toContain('Automatic charge held back');
  });

  it('retries a notice the server refused for now, and then the charge goes ahead', async () => {
    await setUp();
    await runAt(ctx, '2026-12-27T03:00:00.000Z');
    await deliverDueEmails(ctx, mailer);
    await runAt(ctx, '2027-01-19T03:00:00.000Z');
    smtp.refuseMailTo(NORTHWIND_BILLING, 451);
    expect(await deliverDueEmails(ctx, mailer)).toMatchObject({ retried: 2 });
    smtp.acceptAll();
    ctx.clock.set('2027-01-19T03:02:00.000Z');
    expect(await deliverDueEmails(ctx, mailer)).toMatchObject({ sent: 2 });
    const report = await runAt(ctx, '2027-01-26T03:00:00.000Z');
    expect(report.stats.charges_succeeded).toBe(1);
  });
});
