// Fulfilment through the real app and the emulator: the renewal date rules (before expiry, in grace, after
// expiry), upgrades and added seats, the sweep after a lost webhook, a second payment of a paid quote and a
// subscription changed under a quote (set aside, never applied twice), refunds as credit notes, disputes.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import {
  checkoutStatus,
  count,
  emulatorHelper,
  makeQuote,
  pay,
  SUPPORT,
  startCheckout,
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
  await ctx.dispose();
});

async function payQuote(
  subscriptionId: string,
  choice: Parameters<typeof makeQuote>[2],
  card: Parameters<typeof pay>[2] = {},
) {
  const quote = await makeQuote(alex, subscriptionId, choice);
  const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
  await pay(ctx, checkout.sessionId, card);
  return { quote, sessionId: checkout.sessionId };
}

async function invoiceOf(sessionId: string) {
  const status = await checkoutStatus(alex, sessionId);
  const response = await alex.get(`/api/invoices/${status.invoice?.id}`);
  return ((await response.json()) as { invoice: import('@portal/shared/schemas/invoices').TInvoice }).invoice;
}

describe('renewal dates', () => {
  it('paid before expiry: paid through the new end; the new seats wait for the term they pay for (issue 10)', async () => {
    const before = await subscriptionRow(ctx, SUPPORT);
    const { sessionId } = await payQuote(SUPPORT, {
      kind: 'renew',
      planCode: 'starter',
      termYears: 2,
      seats: 30,
    });
    const after = await subscriptionRow(ctx, SUPPORT);
    expect(after).toMatchObject({
      term_start: before.term_start,
      term_end: '2028-12-14',
      seats: before.seats,
    });
    expect((await invoiceOf(sessionId)).servicePeriod).toEqual({ start: '2026-12-14', end: '2028-12-14' });
  });

  it('paid in grace: the new term starts at the old end (no gap, no lost days)', async () => {
    expect((await subscriptionRow(ctx, 'sub_nw_warehouse')).term_end).toBe('2026-11-17');
    const { sessionId } = await payQuote('sub_nw_warehouse', {
      kind: 'renew',
      planCode: 'starter',
      termYears: 1,
      seats: 12,
    });
    expect(await subscriptionRow(ctx, 'sub_nw_warehouse')).toMatchObject({
      term_start: '2026-11-17',
      term_end: '2027-11-17',
    });
    expect((await invoiceOf(sessionId)).servicePeriod).toEqual({ start: '2026-11-17', end: '2027-11-17' });
  });

  it('paid after expiry: the new term starts on the payment date', async () => {
    expect((await subscriptionRow(ctx, 'sub_nw_legacy')).term_end).toBe('2026-09-09');
    await payQuote('sub_nw_legacy', { kind: 'renew', planCode: 'starter', termYears: 1, seats: 8 });
    expect(await subscriptionRow(ctx, 'sub_nw_legacy')).toMatchObject({
      term_start: '2026-11-23',
      term_end: '2027-11-23',
    });
  });
});

describe('upgrades and seats', () => {
  it('an upgrade changes the plan now, with the quote’s seats, price and term, and credits the old term', async () => {
    const { quote, sessionId } = await payQuote('sub_nw_sales', {
      kind: 'upgrade',
      planCode: 'enterprise',
      termYears: 1,
      seats: 50,
    });
    expect(await subscriptionRow(ctx, 'sub_nw_sales')).toMatchObject({
      plan_id: 'plan_enterprise',
      seats: 50,
      unit_price_minor: quote.contractUnitPrice.amountMinor,
      term_start: '2026-11-23',
      term_end: '2027-11-23',
    });
    const invoice = await invoiceOf(sessionId);
    expect(invoice.description).toBe('Upgrade from Professional to Enterprise, 50 seats, 1 year');
    expect(invoice.lines.map((l) => l.kind)).toEqual(['item', 'discount', 'credit']);
    expect(invoice.credit.amountMinor).toBe(-quote.credit.amountMinor);
    expect(invoice.total).toEqual(quote.total);
    const events = await ctx.db
      .selectFrom('subscription_events')
      .select('type')
      .where('subscription_id', '=', 'sub_nw_sales')
      .where('type', '=', 'upgraded')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('added seats change the seat count for the rest of the term', async () => {
    const before = await subscriptionRow(ctx, 'sub_nw_sales');
    const { sessionId } = await payQuote('sub_nw_sales', {
      kind: 'seats',
      planCode: 'professional',
      seats: 60,
    });
    expect(await subscriptionRow(ctx, 'sub_nw_sales')).toMatchObject({
      seats: 60,
      term_start: before.term_start,
      term_end: before.term_end,
      unit_price_minor: before.unit_price_minor,
    });
    expect((await invoiceOf(sessionId)).servicePeriod).toEqual({ start: '2026-11-23', end: before.term_end });
  });

  it('supersedes the subscription’s other open quotes once one is paid', async () => {
    const other = await makeQuote(alex, 'sub_nw_sales', {
      kind: 'seats',
      planCode: 'professional',
      seats: 60,
    });
    void other;
    const { quote } = await payQuote('sub_nw_sales', {
      kind: 'renew',
      planCode: 'professional',
      termYears: 1,
      seats: 45,
    });
    const quotes = await ctx.db
      .selectFrom('quotes')
      .select(['id', 'status'])
      .where('subscription_id', '=', 'sub_nw_sales')
      .execute();
    expect(quotes.filter((q) => q.status === 'open')).toEqual([]);
    expect(quotes.find((q) => q.id === quote.id)?.status).toBe('paid');
  });
});

describe('the sweep', () => {
  it('fulfils a payment whose webhook never came (the server was down), once', async () => {
    ctx.emulator.setWebhookEndpoints([]);
    const quote = await makeQuote(alex, SUPPORT, {
      kind: 'renew',
      planCode: 'starter',
      termYears: 3,
      seats: 25,
    });
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    await pay(ctx, checkout.sessionId);
    expect(await count(ctx, 'payments')).toBe(0);
    expect((await subscriptionRow(ctx, SUPPORT)).term_end).toBe('2026-12-14');

    const first = await sweepCheckouts(ctx);
    expect(first).toMatchObject({ checked: 1, converged: 1, failed: 0 });
    expect((await subscriptionRow(ctx, SUPPORT)).term_end).toBe('2029-12-14');
    expect(await count(ctx, 'invoices')).toBe(1);

    const second = await sweepCheckouts(ctx);
    expect(second).toMatchObject({ checked: 1, converged: 0 });
    expect(await count(ctx, 'payments')).toBe(1);
    expect(await count(ctx, 'fulfilments')).toBe(1);
  });

  it('reads the end of a checkout left open past its expiry', async () => {
    const quote = await makeQuote(alex, SUPPORT, {
      kind: 'renew',
      planCode: 'starter',
      termYears: 3,
      seats: 25,
    });
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    ctx.clock.set('2026-11-25T12:00:00.000Z');
    const result = await sweepCheckouts(ctx);
    expect(result.lapsed).toBe(1);
    const row = await ctx.db
      .selectFrom('checkout_sessions')
      .select('status')
      .where('id', '=', checkout.sessionId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
  });
});

describe('payments that cannot be applied are set aside, never applied twice', () => {
  it('a second payment of a paid quote is recorded and flagged, without a second extension', async () => {
    const { quote } = await payQuote(SUPPORT, {
      kind: 'renew',
      planCode: 'starter',
      termYears: 3,
      seats: 25,
    });
    const customer = await ctx.db
      .selectFrom('accounts')
      .select('stripe_customer_id')
      .where('id', '=', 'acct_northwind')
      .executeTakeFirstOrThrow();
    // A stray session for the same quote, made outside the portal's guard.
    const stray = await ctx.stripe.client.checkout.sessions.create({
      mode: 'payment',
      customer: String(customer.stripe_customer_id),
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'usd',
            unit_amount: quote.total.amountMinor,
            product_data: { name: 'stray' },
          },
        },
      ],
      metadata: { quote_id: quote.id },
      payment_intent_data: { metadata: { quote_id: quote.id } },
      success_url: 'http://portal.test/x',
    });
    await pay(ctx, stray.id);
    const payments = await ctx.db.selectFrom('payments').selectAll().orderBy('created_at').execute();
    expect(payments.map((p) => p.fulfilment_status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(payments.find((p) => p.fulfilment_status === 'rejected')?.fulfilment_error).toMatch(
      /quote_already_paid/,
    );
    expect((await subscriptionRow(ctx, SUPPORT)).term_end).toBe('2029-12-14');
    expect(await count(ctx, 'invoices')).toBe(1);
    const flagged = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'payment.needs_attention')
      .execute();
    expect(flagged).toHaveLength(1);
    // A sweep leaves it as it is.
    expect((await sweepCheckouts(ctx)).converged).toBe(0);
  });

  it('a subscription changed since the quote: the payment is kept and flagged, the contract untouched', async () => {
    const quote = await makeQuote(alex, SUPPORT, {
      kind: 'renew',
      planCode: 'starter',
      termYears: 3,
      seats: 25,
    });
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    await ctx.db.updateTable('subscriptions').set({ seats: 26 }).where('id', '=', SUPPORT).execute();
    await pay(ctx, checkout.sessionId);
    expect((await checkoutStatus(alex, checkout.sessionId)).state).toBe('needs_attention');
    const payment = await ctx.db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ status: 'succeeded', fulfilment_status: 'rejected' });
    expect(payment.fulfilment_error).toMatch(/subscription_changed/);
    expect(await subscriptionRow(ctx, SUPPORT)).toMatchObject({ term_end: '2026-12-14', seats: 26 });
    expect(await count(ctx, 'invoices')).toBe(0);
  });
});

describe('refunds and disputes', () => {
  it('a refund is recorded with a credit note of the invoice, audited; a full refund marks it refunded', async () => {
    const { quote, sessionId } = await payQuote(SUPPORT, {
      kind: 'renew',
      planCode: 'starter',
      termYears: 3,
      seats: 25,
    });
    const payment = await ctx.db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
    await ctx.stripe.client.refunds.create({
      payment_intent: payment.stripe_payment_intent_id,
      amount: 100_000,
      reason: 'requested_by_customer',
    });
    await ctx.emulator.settleWebhooks();
    let invoice = await invoiceOf(sessionId);
    expect(invoice.status).toBe('partially_refunded');
    expect(invoice.creditNotes).toEqual([
      expect.objectContaining({
        number: 'CN-2026-000001',
        amount: { amountMinor: 100_000, currency: 'USD' },
        reason: 'Requested by the customer',
      }),
    ]);
    const refund = await ctx.db.selectFrom('refunds').selectAll().executeTakeFirstOrThrow();
    expect(refund).toMatchObject({ payment_id: payment.id, amount_minor: 100_000, status: 'succeeded' });
    expect(refund.stripe_balance_transaction_id).toMatch(/^txn_/);
    expect(
      (await ctx.db.selectFrom('payments').select('amount_refunded_minor').executeTakeFirstOrThrow())
        .amount_refunded_minor,
    ).toBe(100_000);

    await ctx.stripe.client.refunds.create({ payment_intent: payment.stripe_payment_intent_id });
    await ctx.emulator.settleWebhooks();
    invoice = await invoiceOf(sessionId);
    expect(invoice.status).toBe('refunded');
    expect(invoice.refunded.amountMinor).toBe(quote.total.amountMinor);
    expect(invoice.creditNotes.map((n) => n.number)).toEqual(['CN-2026-000001', 'CN-2026-000002']);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['payment.refunded', 'invoice.credit_note_issued'])
      .execute();
    expect(audit).toHaveLength(4);
    // Replaying every refund event again changes nothing.
    await sweepCheckouts(ctx);
    expect(await count(ctx, 'credit_notes')).toBe(2);
  });

  it('a dispute is recorded against the payment and audited', async () => {
    await payQuote(SUPPORT, { kind: 'renew', planCode: 'starter', termYears: 3, seats: 25 });
    const payment = await ctx.db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
    await emulatorHelper(ctx, `/charges/${payment.stripe_charge_id}/dispute`, { reason: 'fraudulent' });
    await ctx.emulator.settleWebhooks();
    const dispute = await ctx.db.selectFrom('disputes').selectAll().executeTakeFirstOrThrow();
    expect(dispute).toMatchObject({
      payment_id: payment.id,
      stripe_charge_id: payment.stripe_charge_id,
      amount_minor: payment.amount_minor,
      currency: 'USD',
      reason: 'fraudulent',
      status: 'needs_response',
    });
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'after_json'])
      .where('action', '=', 'payment.disputed')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({
      disputeId: dispute.id,
      reason: 'fraudulent',
    });
  });
});

describe('pending payments', () => {
  it('shows a payment under way beside the subscription’s status, until it is applied', async () => {
    const summaries = async () =>
      (
        (await (await alex.get('/api/subscriptions')).json()) as {
          subscriptions: { id: string; hasPendingPayment: boolean }[];
        }
      ).subscriptions;
    expect((await summaries()).filter((s) => s.hasPendingPayment)).toEqual([]);
    await ctx.db
      .insertInto('payments')
      .values({
        id: 'pay_pending',
        account_id: 'acct_northwind',
        subscription_id: SUPPORT,
        source: 'checkout',
        stripe_payment_intent_id: 'pi_processing',
        amount_minor: 100,
        currency: 'USD',
        status: 'processing',
        fulfilment_status: 'pending',
        created_at: '2026-11-23T12:00:00.000Z',
        updated_at: '2026-11-23T12:00:00.000Z',
      })
      .execute();
    expect((await summaries()).filter((s) => s.hasPendingPayment).map((s) => s.id)).toEqual([SUPPORT]);
    const detail = (await (await alex.get(`/api/subscriptions/${SUPPORT}`)).json()) as {
      subscription: { hasPendingPayment: boolean };
    };
    expect(detail.subscription.hasPendingPayment).toBe(true);
    await ctx.db.updateTable('payments').set({ status: 'failed' }).execute();
    expect((await summaries()).filter((s) => s.hasPendingPayment)).toEqual([]);
  });
});
