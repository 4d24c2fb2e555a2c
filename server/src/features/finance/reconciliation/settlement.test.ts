// Reconciliation end to end through the finance sync (issue 10 items 5 and 7): an account that settles in
// another currency than it charges (the emulator's settlement setting books balance transactions in the
// settlement currency with Stripe's exchange_rate) reconciles the charge in its own amount and currency, and
// money taken but not applied (a second payment of a term already paid) is never "matched".

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UNLIMITED_BUDGET } from '../../../platform/stripe/rate-budget.ts';
import { advanceClock } from '../../../testing/finance.ts';
import { createTestContext, type TestClient, type TestContext } from '../../../testing/harness.ts';
import { makeQuote, pay, SUPPORT, startCheckout, straySession } from '../../../testing/payments.ts';
import { runStripeSync } from '../sync/stripe-sync.ts';
import { runReconciliation } from './reconcile-service.ts';

let ctx: TestContext;
let alex: TestClient;
const noWait = { sleep: async () => {}, budget: UNLIMITED_BUDGET };

beforeEach(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
});
afterEach(async () => {
  await ctx.dispose();
});

async function settleIn(currency: string, rates: Record<string, string>) {
  const response = await ctx.emulator.fetch(
    new Request('http://stripe.test/_emulator/settlement', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ currency, rates }),
    }),
  );
  expect(response.status, await response.clone().text()).toBe(200);
}

async function syncAndReconcile() {
  advanceClock(ctx, 1);
  await runStripeSync(ctx, { trigger: 'test', ...noWait });
  await runReconciliation(ctx);
  const run = await ctx.db
    .selectFrom('finance_recon_runs')
    .select('id')
    .where('status', '=', 'completed')
    .executeTakeFirstOrThrow();
  return ctx.db.selectFrom('finance_recon_lines').selectAll().where('run_id', '=', run.id).execute();
}

async function payRenewal() {
  const quote = await makeQuote(alex, SUPPORT, {
    kind: 'renew',
    planCode: 'starter',
    termYears: 1,
    seats: 25,
  });
  const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
  await pay(ctx, checkout.sessionId);
  return quote;
}

describe('a settlement currency other than the charge currency', () => {
  it('books the charge in EUR with the exchange rate, and reconciles it in USD as matched', async () => {
    await settleIn('eur', { usd: '0.9234' });
    const quote = await payRenewal();
    const payment = await ctx.db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
    const txn = await ctx.stripe.client.balanceTransactions.retrieve(
      payment.stripe_balance_transaction_id ?? '',
    );
    expect(txn).toMatchObject({
      currency: 'eur',
      exchange_rate: 0.9234,
      amount: Math.round(quote.total.amountMinor * 0.9234),
    });

    const lines = await syncAndReconcile();
    const stored = await ctx.db
      .selectFrom('stripe_balance_transactions')
      .selectAll()
      .where('id', '=', txn.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      currency: 'EUR',
      exchange_rate: '0.9234',
      source_amount_minor: quote.total.amountMinor,
      source_currency: 'USD',
    });
    const line = lines.find((l) => l.txn_id === txn.id);
    expect(line).toMatchObject({ class: 'matched', detail: 'charge', payment_id: payment.id });
  });

  it('still flags a charge whose own amount is not the portal’s, across currencies', async () => {
    await settleIn('eur', { usd: '0.9234' });
    await payRenewal();
    const payment = await ctx.db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
    // The portal recorded another amount than Stripe charged.
    await ctx.db
      .updateTable('payments')
      .set({ amount_minor: payment.amount_minor - 500 })
      .where('id', '=', payment.id)
      .execute();
    const lines = await syncAndReconcile();
    const line = lines.find((l) => l.txn_id === payment.stripe_balance_transaction_id);
    expect(line).toMatchObject({ class: 'amount_mismatch', detail: 'amount' });
  });
});

describe('money taken and not applied', () => {
  it('is never matched, even once refunded', async () => {
    const quote = await payRenewal();
    const stray = await straySession(ctx, quote.id, quote.total.amountMinor);
    await pay(ctx, stray.id);
    const rejected = await ctx.db
      .selectFrom('payments')
      .selectAll()
      .where('fulfilment_status', '=', 'rejected')
      .executeTakeFirstOrThrow();
    const lines = await syncAndReconcile();
    const charge = lines.find((l) => l.payment_id === rejected.id && l.txn_type === 'charge');
    expect(charge?.class).not.toBe('matched');
    expect(charge).toMatchObject({ class: 'duplicate' });
    const refund = lines.find((l) => l.payment_id === rejected.id && l.txn_type === 'refund');
    expect(refund).toMatchObject({ class: 'matched' });
  });
});
