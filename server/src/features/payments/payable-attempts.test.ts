// One payable attempt per subscription-term (issue 10 item 5, decision 010), through the real app, the real
// SDK and the emulator: the database refuses a second open attempt, two quotes checked out at once never give
// two payable sessions, a new quote expires the open session at Stripe, a checkout left half-made by a process
// that stopped is found and expired, and money that still arrives for a term already paid is refunded (or,
// when the refund fails, kept as an exception).

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import {
  count,
  makeQuote,
  pay,
  SUPPORT,
  startCheckout,
  straySession,
  subscriptionRow,
} from '../../testing/payments.ts';
import { sweepCheckouts } from './sweep.ts';

let ctx: TestContext;
let alex: TestClient;
beforeEach(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await ctx.dispose();
});

const renew = (termYears: 1 | 2 | 3) =>
  makeQuote(alex, SUPPORT, { kind: 'renew', planCode: 'starter', termYears, seats: 25 });

async function openSessionsAtStripe() {
  const sessions = await ctx.stripe.client.checkout.sessions.list({ limit: 100 });
  return sessions.data.filter((s) => s.status === 'open');
}

async function openAttempts() {
  return ctx.db.selectFrom('payable_attempts').selectAll().where('state', '!=', 'closed').execute();
}

describe('at most one payable attempt per subscription-term', () => {
  it('is a database constraint: a second open attempt of the same term is refused', async () => {
    const quote = await renew(1);
    await startCheckout(alex, quote.id, { renewAutomatically: false });
    const [held] = await openAttempts();
    expect(held).toMatchObject({ subscription_id: SUPPORT, term_end: '2026-12-14', state: 'open' });
    const now = new Date().toISOString();
    await expect(
      ctx.db
        .insertInto('payable_attempts')
        .values({
          ...(held as NonNullable<typeof held>),
          id: 'pat_second',
          idempotency_key: 'another-key',
          kind: 'off_session',
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow(/UNIQUE constraint failed|violates unique constraint/);
  });

  it('two quotes of one subscription checked out concurrently never give two payable sessions', async () => {
    for (let round = 0; round < 3; round++) {
      const first = await renew(3);
      const results = await Promise.allSettled([
        startCheckout(alex, first.id, { renewAutomatically: false }),
        (async () => {
          const second = await renew(1);
          return startCheckout(alex, second.id, { renewAutomatically: false });
        })(),
      ]);
      expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      expect((await openSessionsAtStripe()).length).toBeLessThanOrEqual(1);
      expect((await openAttempts()).length).toBeLessThanOrEqual(1);
    }
    // Whatever is still payable, paying it renews once; nothing else can be paid.
    const [open] = await openSessionsAtStripe();
    if (open) await pay(ctx, open.id);
    const sessions = await ctx.stripe.client.checkout.sessions.list({ limit: 100 });
    for (const session of sessions.data.filter((s) => s.id !== open?.id)) {
      await expect(pay(ctx, session.id)).rejects.toThrow(/no longer active|expired/);
    }
    expect(await count(ctx, 'fulfilments')).toBe(open ? 1 : 0);
  });

  it('a new quote expires the open session of the older one at Stripe at once', async () => {
    const older = await renew(3);
    const { checkout } = await startCheckout(alex, older.id, { renewAutomatically: false });
    await renew(1);
    expect((await ctx.stripe.client.checkout.sessions.retrieve(checkout.sessionId)).status).toBe('expired');
    expect(await openAttempts()).toEqual([]);
    await expect(pay(ctx, checkout.sessionId)).rejects.toThrow(/no longer active/);
  });

  it('finds and expires a session whose process stopped before recording it', async () => {
    const quote = await renew(3);
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    // As if the server died between Stripe's answer and the row: the attempt is "opening", with no session.
    await ctx.db
      .updateTable('payable_attempts')
      .set({ state: 'opening', checkout_session_id: null, updated_at: '2026-01-01T00:00:00.000Z' })
      .execute();
    const other = await startCheckout(alex, quote.id, { renewAutomatically: true });
    expect(other.response.status).toBe(201);
    expect((await ctx.stripe.client.checkout.sessions.retrieve(checkout.sessionId)).status).toBe('expired');
    expect((await openSessionsAtStripe()).map((s) => s.id)).toEqual([other.checkout.sessionId]);
  });

  it('refuses a checkout while a fresh attempt of the term is being made elsewhere (409), not a second one', async () => {
    const quote = await renew(3);
    await startCheckout(alex, quote.id, { renewAutomatically: false });
    await ctx.db
      .updateTable('payable_attempts')
      .set({ state: 'opening', checkout_session_id: null })
      .execute();
    ctx.clock.set(new Date(ctx.clock.now().getTime()).toISOString());
    await ctx.db.updateTable('payable_attempts').set({ updated_at: ctx.clock.now().toISOString() }).execute();
    const other = await startCheckout(alex, quote.id, { renewAutomatically: true });
    expect(other.response.status).toBe(409);
    expect((await openSessionsAtStripe()).length).toBe(1);
  });
});

describe('money that still arrives for a term already paid', () => {
  it('is refunded automatically, audited, and never applied', async () => {
    const quote = await renew(3);
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    const stray = await straySession(ctx, quote.id, quote.total.amountMinor);
    await pay(ctx, checkout.sessionId);
    await pay(ctx, stray.id);
    const payments = await ctx.db.selectFrom('payments').selectAll().orderBy('created_at').execute();
    const rejected = payments.find((p) => p.fulfilment_status === 'rejected');
    expect(rejected).toMatchObject({ status: 'succeeded', amount_refunded_minor: quote.total.amountMinor });
    const refunds = await ctx.db.selectFrom('refunds').selectAll().execute();
    expect(refunds).toEqual([
      expect.objectContaining({ payment_id: rejected?.id, amount_minor: quote.total.amountMinor }),
    ]);
    const actions = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', rejected?.id ?? '')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['payment.needs_attention', 'payment.unapplied_refunded', 'payment.refunded']),
    );
    expect((await subscriptionRow(ctx, SUPPORT)).term_end).toBe('2029-12-14');
    expect(await count(ctx, 'invoices')).toBe(1);
    // Replays change nothing: one refund.
    await sweepCheckouts(ctx);
    expect(await count(ctx, 'refunds')).toBe(1);
  });

  it('tells the admins and the billing address, in the account language, once each', async () => {
    await ctx.db
      .updateTable('accounts')
      .set({ locale: 'zh-CN' })
      .where('id', '=', 'acct_northwind')
      .execute();
    const quote = await renew(3);
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    const stray = await straySession(ctx, quote.id, quote.total.amountMinor);
    await pay(ctx, checkout.sessionId);
    await pay(ctx, stray.id);
    await sweepCheckouts(ctx);
    const emails = await ctx.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('template', '=', 'payment_refunded_unapplied')
      .execute();
    const account = await ctx.db
      .selectFrom('accounts')
      .select('billing_email')
      .where('id', '=', 'acct_northwind')
      .executeTakeFirstOrThrow();
    expect(emails.map((e) => e.to_address).sort()).toEqual(
      [...new Set(['alex@northwind.example', account.billing_email?.toLowerCase() ?? ''])].sort(),
    );
    for (const email of emails) {
      expect(email.locale).toBe('zh-CN');
      expect(email.subject).toContain('退款');
      expect(email.text_body).toContain(quote.number);
    }
  });

  it('keeps the failure on the payment, audited, when Stripe refuses the refund; the sweep tries again', async () => {
    const quote = await renew(3);
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    await pay(ctx, checkout.sessionId);
    const stray = await straySession(ctx, quote.id, quote.total.amountMinor);
    const spy = vi
      .spyOn(ctx.stripe.client.refunds, 'create')
      .mockRejectedValue(new Error('refunds are disabled on this account'));
    await pay(ctx, stray.id);
    const rejected = await ctx.db
      .selectFrom('payments')
      .selectAll()
      .where('fulfilment_status', '=', 'rejected')
      .executeTakeFirstOrThrow();
    expect(rejected).toMatchObject({
      amount_refunded_minor: 0,
      unapplied_refund_error: 'refunds are disabled on this account',
    });
    const failed = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'payment.unapplied_refund_failed')
      .execute();
    expect(failed).toHaveLength(1);
    spy.mockRestore();
    expect((await sweepCheckouts(ctx)).refunded).toBe(1);
    const after = await ctx.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', rejected.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      amount_refunded_minor: quote.total.amountMinor,
      unapplied_refund_error: null,
    });
  });
});
