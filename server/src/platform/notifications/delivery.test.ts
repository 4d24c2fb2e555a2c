import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { startTestSmtpServer } from '../../testing/smtp.ts';
import { deliverDueEmails, RETRY_DELAYS_MS } from './delivery.ts';
import { createSmtpMailer, type Mailer } from './mailer.ts';
import { enqueueEmail } from './service.ts';

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let mailer: Mailer;

beforeEach(async () => {
  smtp = await startTestSmtpServer();
  ctx = await createTestContext({ env: { SMTP_URL: smtp.url }, seed: false });
  mailer = createSmtpMailer(smtp.url, { timeoutMs: 5_000 });
});
afterEach(async () => {
  mailer.close();
  await ctx.dispose();
  await smtp.close();
});

async function enqueue(to: string, dedupeKey?: string) {
  return enqueueEmail(
    ctx.db,
    { now: ctx.clock.now(), isSmtpConfigured: true },
    {
      to,
      accountId: null,
      template: 'test',
      locale: 'en',
      content: {
        subject: 'Renewal notice',
        text: 'Your renewal is on 1 January.',
        html: '<p>Your renewal is on 1 January.</p>',
      },
      dedupeKey,
    },
  );
}

const statusOf = async () =>
  ctx.db
    .selectFrom('email_outbox')
    .select(['status', 'attempts', 'last_error', 'next_attempt_at'])
    .executeTakeFirstOrThrow();

describe('e-mail delivery over SMTP', () => {
  it('delivers a pending e-mail to a real SMTP server once', async () => {
    await enqueue('alex@northwind.example');
    expect(await deliverDueEmails(ctx, mailer)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['alex@northwind.example']);
    expect(smtp.received[0]?.raw).toContain('Subject: Renewal notice');
    expect(await statusOf()).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await deliverDueEmails(ctx, mailer)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('never enqueues the same dedupe key twice', async () => {
    expect(await enqueue('alex@northwind.example', 'notice:sub_1:2027-01-01:30')).toBe(true);
    expect(await enqueue('alex@northwind.example', 'notice:sub_1:2027-01-01:30')).toBe(false);
    const rows = await ctx.db.selectFrom('email_outbox').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('retries a temporary failure with backoff, then delivers', async () => {
    smtp.failWith(451, 451);
    await enqueue('alex@northwind.example');
    expect(await deliverDueEmails(ctx, mailer)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const first = await statusOf();
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first.next_attempt_at).toBe(
      new Date(ctx.clock.now().getTime() + (RETRY_DELAYS_MS[0] ?? 0)).toISOString(),
    );
    // Not due yet: nothing happens.
    expect(await deliverDueEmails(ctx, mailer)).toEqual({ sent: 0, retried: 0, failed: 0 });
    ctx.clock.set('2026-11-23T12:01:00.000Z');
    expect(await deliverDueEmails(ctx, mailer)).toEqual({ sent: 0, retried: 1, failed: 0 });
    ctx.clock.set('2026-11-23T12:06:00.000Z');
    expect(await deliverDueEmails(ctx, mailer)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await statusOf()).toMatchObject({ status: 'sent', attempts: 3 });
    expect(smtp.received).toHaveLength(1);
  });

  it('records a permanent rejection as failed, for ops to see', async () => {
    smtp.failWith(550);
    await enqueue('nobody@northwind.example');
    expect(await deliverDueEmails(ctx, mailer)).toEqual({ sent: 0, retried: 0, failed: 1 });
    const row = await statusOf();
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/Mailbox unavailable/);
  });

  it('gives up after the last retry when the server never answers', async () => {
    await enqueue('alex@northwind.example');
    const deadMailer = createSmtpMailer('smtp://127.0.0.1:1', { timeoutMs: 500 });
    let at = ctx.clock.now().getTime();
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      await deliverDueEmails(ctx, deadMailer);
      at += (RETRY_DELAYS_MS[attempt] ?? 0) + 1000;
      ctx.clock.set(new Date(at).toISOString());
    }
    deadMailer.close();
    expect(await statusOf()).toMatchObject({ status: 'failed', attempts: RETRY_DELAYS_MS.length + 1 });
  });

  it('lets two workers run at once without sending twice', async () => {
    for (let i = 0; i < 10; i++) await enqueue(`user${i}@northwind.example`);
    const second = createSmtpMailer(smtp.url, { timeoutMs: 5_000 });
    const [a, b] = await Promise.all([deliverDueEmails(ctx, mailer), deliverDueEmails(ctx, second)]);
    second.close();
    expect(a.sent + b.sent).toBe(10);
    expect(smtp.received).toHaveLength(10);
  });
});
