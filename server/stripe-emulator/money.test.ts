// Fees, refunds, disputes and payouts, and the balance transactions they create.
import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processingFee } from './fees.ts';
import { createTestEmulator, type TestEmulator } from './testing/harness.ts';

let t: TestEmulator;
beforeEach(() => {
  t = createTestEmulator();
});
afterEach(() => t.close());

async function pay(amount: number, currency = 'usd'): Promise<Stripe.PaymentIntent> {
  const customer = await t.stripe.customers.create({});
  return t.stripe.paymentIntents.create({
    amount,
    currency,
    customer: customer.id,
    payment_method: 'pm_card_visa',
    confirm: true,
    off_session: true,
  });
}

describe('fees', () => {
  it('charges 2.9 % + 30 minor units, scaled for zero- and three-decimal currencies', () => {
    expect(processingFee(10_000, 'usd')).toBe(320);
    expect(processingFee(10_000, 'eur')).toBe(320);
    expect(processingFee(10_000, 'jpy')).toBe(330);
    expect(processingFee(10_000, 'kwd')).toBe(590);
  });

  it('books JPY charges in yen', async () => {
    const pi = await pay(12_000, 'jpy');
    const charge = await t.stripe.charges.retrieve(pi.latest_charge as string, {
      expand: ['balance_transaction'],
    });
    expect(charge.balance_transaction).toMatchObject({
      amount: 12_000,
      currency: 'jpy',
      fee: 388,
      net: 11_612,
    });
  });
});

describe('refunds', () => {
  it('refunds partially then fully, with negative balance transactions and charge.refunded', async () => {
    const pi = await pay(10_000);
    const partial = await t.stripe.refunds.create({
      payment_intent: pi.id,
      amount: 2500,
      reason: 'requested_by_customer',
    });
    expect(partial).toMatchObject({
      object: 'refund',
      amount: 2500,
      status: 'succeeded',
      charge: pi.latest_charge,
    });
    const rest = await t.stripe.refunds.create({
      charge: pi.latest_charge as string,
      expand: ['balance_transaction'],
    });
    expect(rest.amount).toBe(7500);
    expect(rest.balance_transaction).toMatchObject({
      amount: -7500,
      fee: 0,
      net: -7500,
      type: 'refund',
      reporting_category: 'refund',
      source: rest.id,
    });

    const charge = await t.stripe.charges.retrieve(pi.latest_charge as string, { expand: ['refunds'] });
    expect(charge).toMatchObject({ amount_refunded: 10_000, refunded: true });
    expect(charge.refunds?.data.map((r) => r.id).sort()).toEqual([partial.id, rest.id].sort());
    await expect(t.stripe.refunds.create({ payment_intent: pi.id })).rejects.toMatchObject({
      code: 'charge_already_refunded',
    });

    const refunded = await t.stripe.events.list({ type: 'charge.refunded' });
    expect(refunded.data).toHaveLength(2);
    expect((refunded.data[0] as Stripe.ChargeRefundedEvent).data.previous_attributes).toMatchObject({
      amount_refunded: 2500,
      refunded: false,
    });
    const list = await t.stripe.refunds.list({ payment_intent: pi.id });
    expect(list.data).toHaveLength(2);
  });

  it('refuses to refund more than what is left', async () => {
    const pi = await pay(1000);
    await expect(t.stripe.refunds.create({ payment_intent: pi.id, amount: 1001 })).rejects.toMatchObject({
      param: 'amount',
    });
  });
});

describe('disputes', () => {
  it('opens a dispute through the helper, withdrawing the amount plus a 1500 fee', async () => {
    const pi = await pay(10_000);
    const dispute = await t.helper<Stripe.Dispute>(`/charges/${pi.latest_charge}/dispute`, {
      reason: 'fraudulent',
    });
    expect(dispute).toMatchObject({
      object: 'dispute',
      amount: 10_000,
      status: 'needs_response',
      reason: 'fraudulent',
    });
    expect(dispute.id).toMatch(/^dp_/);
    expect(dispute.balance_transactions[0]).toMatchObject({
      amount: -10_000,
      fee: 1500,
      net: -11_500,
      reporting_category: 'dispute',
      source: dispute.id,
    });

    const fetched = await t.stripe.disputes.retrieve(dispute.id);
    expect(fetched.charge).toBe(pi.latest_charge);
    expect((await t.stripe.disputes.list({ payment_intent: pi.id })).data).toHaveLength(1);
    expect((await t.stripe.charges.retrieve(pi.latest_charge as string)).disputed).toBe(true);
    expect((await t.stripe.events.list({ type: 'charge.dispute.created' })).data).toHaveLength(1);
    await expect(t.stripe.refunds.create({ payment_intent: pi.id })).rejects.toMatchObject({
      code: 'charge_disputed',
    });

    const won = await t.helper<Stripe.Dispute>(`/disputes/${dispute.id}/close`, { status: 'won' });
    expect(won.status).toBe('won');
    expect(won.balance_transactions[1]).toMatchObject({
      amount: 10_000,
      reporting_category: 'dispute_reversal',
    });
  });
});

describe('payouts', () => {
  it('groups the available balance per currency and links its balance transactions', async () => {
    const first = await pay(10_000);
    await pay(5_000);
    await pay(20_000, 'eur');
    await t.stripe.refunds.create({ payment_intent: first.id, amount: 1000 });

    // Nothing is available on the day of the charges (the refund alone is negative).
    expect((await t.helper<{ payouts: Stripe.Payout[] }>('/payouts/run')).payouts).toEqual([]);
    t.clock.advanceDays(2);
    const balance = await t.stripe.balance.retrieve();
    expect((await t.stripe.events.list({ type: 'balance.available' })).data).toHaveLength(1);
    expect(balance.available.find((b) => b.currency === 'usd')?.amount).toBe(9680 + 4825 - 1000);

    const { payouts } = await t.helper<{ payouts: Stripe.Payout[] }>('/payouts/run');
    expect(payouts.map((p) => [p.currency, p.amount, p.status, p.automatic])).toEqual([
      ['usd', 13_505, 'paid', true],
      ['eur', 19_390, 'paid', true],
    ]);
    const usd = payouts[0] as Stripe.Payout;
    const inPayout = await t.stripe.balanceTransactions.list({ payout: usd.id, limit: 100 });
    expect(inPayout.data.map((b) => b.type).sort()).toEqual(['charge', 'charge', 'payout', 'refund']);
    expect(inPayout.data.reduce((sum, b) => sum + b.net, 0)).toBe(0);

    const after = await t.stripe.balance.retrieve();
    expect(after.available.every((b) => b.amount === 0)).toBe(true);
    expect((await t.helper<{ payouts: Stripe.Payout[] }>('/payouts/run')).payouts).toEqual([]);
    const events = await t.stripe.events.list({ types: ['payout.created', 'payout.paid'] });
    expect(events.data).toHaveLength(4);
    expect((await t.stripe.payouts.list({ status: 'paid' })).data).toHaveLength(2);
  });

  it('creates manual payouts within the available balance and pays them on arrival', async () => {
    await pay(10_000);
    await expect(t.stripe.payouts.create({ amount: 1000, currency: 'usd' })).rejects.toMatchObject({
      code: 'balance_insufficient',
    });
    t.clock.advanceDays(2);
    const payout = await t.stripe.payouts.create({ amount: 5000, currency: 'usd' });
    expect(payout).toMatchObject({ status: 'pending', automatic: false, amount: 5000 });
    await expect(t.stripe.balanceTransactions.list({ payout: payout.id })).rejects.toMatchObject({
      param: 'payout',
    });
    t.clock.advanceDays(2);
    expect((await t.stripe.payouts.retrieve(payout.id)).status).toBe('paid');
  });

  it('returns the funds when a payout fails', async () => {
    await pay(10_000);
    t.clock.advanceDays(2);
    const { payouts } = await t.helper<{ payouts: Stripe.Payout[] }>('/payouts/run', {
      status: 'in_transit',
    });
    const failed = await t.helper<Stripe.Payout>(`/payouts/${payouts[0]?.id}/settle`, { status: 'failed' });
    expect(failed).toMatchObject({ status: 'failed', failure_code: 'account_closed' });
    const txn = await t.stripe.balanceTransactions.retrieve(failed.failure_balance_transaction as string);
    expect(txn).toMatchObject({ type: 'payout_failure', amount: 9680 });
    expect((await t.stripe.balance.retrieve()).available[0]?.amount).toBe(9680);
  });
});

describe('listing by date', () => {
  it('filters charges, balance transactions and events by created', async () => {
    await pay(1000);
    t.clock.advanceDays(1);
    const since = Math.floor(t.clock.now().getTime() / 1000);
    const later = await pay(2000);
    expect((await t.stripe.charges.list({ created: { gte: since } })).data.map((c) => c.id)).toEqual([
      later.latest_charge,
    ]);
    expect((await t.stripe.charges.list({ created: { lt: since } })).data).toHaveLength(1);
    expect((await t.stripe.balanceTransactions.list({ created: { gte: since } })).data).toHaveLength(1);
    expect((await t.stripe.paymentIntents.list({ created: { gte: since } })).data).toHaveLength(1);
    const events = await t.stripe.events.list({ created: { gte: since }, type: 'payment_intent.succeeded' });
    expect(events.data).toHaveLength(1);
  });
});
