// A consumer's "Cancel contract" (issue 10 item 8, decision 017) through the real app, the SDK and the emulator:
// a German consumer whose contract renewed automatically ends it at one calendar month's notice with the
// unused prepaid time refunded (credit note, audit, e-mail in their language); the confirmation must name the
// figures shown; businesses, the first term and other countries have no such right; a French consumer has it
// only when the renewal notice was not sent in its window.

import { afterEach, describe, expect, it } from 'vitest';
import { outbox, runAt, SALES, saveCard, turnOn } from '../../testing/auto-renew.ts';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import { retryCancellationRefunds } from './cancel-contract.ts';

let ctx: TestContext;
afterEach(async () => {
  await ctx.dispose();
});

type Offer = {
  right: string | null;
  reason: string | null;
  lastDay: string | null;
  refund: { amountMinor: number; currency: string } | null;
  canCancel: boolean;
  cancelled: { lastDay: string; refundState: string } | null;
};

async function offerOf(client: TestClient): Promise<Offer> {
  const response = await client.get(`/api/subscriptions/${SALES}/cancellation`);
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { cancellation: Offer }).cancellation;
}

async function account(values: { country: string; region: string | null; customer_type: string }) {
  await ctx.db.updateTable('accounts').set(values).where('id', '=', 'acct_northwind').execute();
}

/** Sales workspace renews automatically on 26 January 2027 (California notices), then the account is moved. */
async function renewedAutomatically(): Promise<TestClient> {
  ctx = await createTestContext();
  const alex = await ctx.signedIn('alex@northwind.example');
  await saveCard(ctx, alex, SALES);
  await turnOn(alex, SALES, 1);
  await runAt(ctx, '2026-12-27T03:00:00.000Z');
  await runAt(ctx, '2027-01-19T03:00:00.000Z');
  const charged = await runAt(ctx, '2027-01-26T03:00:00.000Z');
  expect(charged.stats.charges_succeeded).toBe(1);
  return alex;
}

describe('a German consumer', () => {
  it('ends a contract renewed automatically at one calendar month’s notice, refunded for the unused time', async () => {
    await renewedAutomatically();
    await account({ country: 'DE', region: 'BY', customer_type: 'consumer' });
    await ctx.db
      .updateTable('accounts')
      .set({ locale: 'zh-CN' })
      .where('id', '=', 'acct_northwind')
      .execute();
    ctx.clock.set('2027-03-31T10:00:00.000Z');
    const alex = await ctx.signedIn('alex@northwind.example');
    const payment = await ctx.db
      .selectFrom('payments')
      .selectAll()
      .where('source', '=', 'auto_renew')
      .executeTakeFirstOrThrow();

    // Step one: the server's figures. Ends 30 April (last day 29 April); 271 of 365 days unused.
    const offer = await offerOf(alex);
    const refundMinor = Math.floor((payment.amount_minor * 271 * 2 + 365) / (2 * 365));
    expect(offer).toMatchObject({
      right: 'de_one_month_notice',
      lastDay: '2027-04-29',
      refund: { amountMinor: refundMinor, currency: 'USD' },
      canCancel: true,
    });
    // A member sees it but cannot do it.
    const member = await ctx.signedIn('morgan@northwind.example');
    expect((await offerOf(member)).canCancel).toBe(false);

    // Step two must name what was shown.
    const stale = await alex.post(`/api/subscriptions/${SALES}/cancellation`, {
      lastDay: '2027-04-29',
      refundMinor: refundMinor + 1,
      confirm: true,
    });
    expect(stale.status).toBe(409);
    const done = await alex.post(`/api/subscriptions/${SALES}/cancellation`, {
      lastDay: '2027-04-29',
      refundMinor,
      confirm: true,
    });
    expect(done.status, await done.clone().text()).toBe(200);
    expect(((await done.json()) as { cancellation: Offer }).cancellation.cancelled).toMatchObject({
      lastDay: '2027-04-29',
      refundState: 'refunded',
    });

    const subscription = await ctx.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', SALES)
      .executeTakeFirstOrThrow();
    expect(subscription).toMatchObject({ term_end: '2027-04-30', auto_renew_enabled: 0 });
    expect(subscription.cancelled_at).not.toBeNull();
    const refunds = await ctx.db.selectFrom('refunds').selectAll().execute();
    expect(refunds).toEqual([
      expect.objectContaining({ payment_id: payment.id, amount_minor: refundMinor, status: 'succeeded' }),
    ]);
    const intent = await ctx.stripe.client.refunds.retrieve(refunds[0]?.id ?? '');
    expect(intent.metadata?.portal_reason).toBe('consumer_cancellation');
    expect(await ctx.db.selectFrom('credit_notes').selectAll().execute()).toEqual([
      expect.objectContaining({ amount_minor: refundMinor, refund_id: refunds[0]?.id }),
    ]);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', [
        'subscription.contract_cancelled',
        'payment.refunded',
        'invoice.credit_note_issued',
      ])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'invoice.credit_note_issued',
      'payment.refunded',
      'subscription.contract_cancelled',
    ]);
    const emails = await outbox(ctx, { template: 'contract_cancelled' });
    expect(emails.length).toBeGreaterThan(0);
    expect(emails[0]).toMatchObject({ locale: 'zh-CN' });
    expect(emails[0]?.subject).toContain('合同已取消');

    // A repeat changes nothing: one refund; no automatic charge ever follows.
    await alex.post(`/api/subscriptions/${SALES}/cancellation`, {
      lastDay: '2027-04-29',
      refundMinor,
      confirm: true,
    });
    expect(await ctx.db.selectFrom('refunds').selectAll().execute()).toHaveLength(1);
    expect(await offerOf(alex)).toMatchObject({ right: null, reason: 'cancelled' });

    // A crash after Stripe refunded and before it was recorded: the retry finds that refund, never a second.
    const row = await ctx.db.selectFrom('contract_cancellations').selectAll().executeTakeFirstOrThrow();
    const planned = (JSON.parse(row.refunds_json) as { refundId: string | null }[]).map((r) => ({
      ...r,
      refundId: null,
    }));
    await ctx.db
      .updateTable('contract_cancellations')
      .set({ state: 'refund_failed', refunds_json: JSON.stringify(planned) })
      .execute();
    expect(await retryCancellationRefunds(ctx)).toBe(1);
    const atStripe = await ctx.stripe.client.refunds.list({ charge: payment.stripe_charge_id ?? '' });
    expect(atStripe.data).toHaveLength(1);
    expect(
      await ctx.db.selectFrom('contract_cancellations').select('state').executeTakeFirstOrThrow(),
    ).toEqual({ state: 'refunded' });
  });

  it('has no such right in the first term, as a business, or outside Germany and France', async () => {
    ctx = await createTestContext();
    const alex = await ctx.signedIn('alex@northwind.example');
    await account({ country: 'DE', region: 'BY', customer_type: 'consumer' });
    expect(await offerOf(alex)).toMatchObject({ right: null, reason: 'first_term', canCancel: false });
    await account({ country: 'DE', region: 'BY', customer_type: 'business' });
    expect(await offerOf(alex)).toMatchObject({ right: null, reason: 'business' });
    await account({ country: 'US', region: 'NY', customer_type: 'consumer' });
    expect(await offerOf(alex)).toMatchObject({ right: null, reason: 'country' });
    const refused = await alex.post(`/api/subscriptions/${SALES}/cancellation`, {
      lastDay: '2027-01-25',
      refundMinor: 0,
      confirm: true,
    });
    expect(refused.status).toBe(422);
  });
});

describe('a French consumer', () => {
  it('may end it at once only when the renewal notice was not sent inside its window', async () => {
    await renewedAutomatically();
    await account({ country: 'FR', region: null, customer_type: 'consumer' });
    ctx.clock.set('2027-02-10T10:00:00.000Z');
    const alex = await ctx.signedIn('alex@northwind.example');
    const announced = (sentAt: string) =>
      ctx.db
        .updateTable('renewal_notices')
        .set({ sent_at: sentAt })
        .where('subscription_id', '=', SALES)
        .where('term_end', '=', '2027-01-26')
        .where('kind', 'in', ['advance', 'consent'])
        .execute();
    // Told on 27 December, 30 days before 26 January: later than one calendar month before (26 December).
    await announced('2026-12-27T03:00:00.000Z');
    expect(await offerOf(alex)).toMatchObject({ right: 'fr_notice_not_sent', lastDay: '2027-02-10' });
    // Told on 20 November, two months before: inside the window, so no such right.
    await announced('2026-11-20T03:00:00.000Z');
    expect(await offerOf(alex)).toMatchObject({ right: null, reason: 'notice_sent_in_time' });
  });
});
