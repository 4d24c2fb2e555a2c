// Every test card through a quote's checkout, paid on the emulator as its hosted page would: a success is one
// payment, one extension, one invoice, one receipt; a decline, a failed 3-D Secure or a card that saves but
// never pays changes nothing in the portal.

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

let ctx: TestContext;
let alex: TestClient;
beforeEach(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
});
afterEach(async () => {
  await ctx.dispose();
});

async function checkoutForSupport(renewAutomatically = false) {
  const quote = await makeQuote(alex, SUPPORT, {
    kind: 'renew',
    planCode: 'starter',
    termYears: 3,
    seats: 25,
  });
  const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically });
  return { quote, sessionId: checkout.sessionId };
}

async function expectNothingChanged(quoteId: string) {
  expect(await count(ctx, 'payments')).toBe(0);
  expect(await count(ctx, 'invoices')).toBe(0);
  expect(await count(ctx, 'fulfilments')).toBe(0);
  expect((await subscriptionRow(ctx, SUPPORT)).term_end).toBe('2026-12-14');
  const quote = (await (await alex.get(`/api/quotes/${quoteId}`)).json()) as { quote: { status: string } };
  expect(quote.quote.status).toBe('open');
  const receipts = await ctx.db
    .selectFrom('email_outbox')
    .select('id')
    .where('template', 'in', ['payment_receipt', 'payment_failed'])
    .execute();
  expect(receipts).toEqual([]);
  const subscription = (await (await alex.get(`/api/subscriptions/${SUPPORT}`)).json()) as {
    subscription: { hasPendingPayment: boolean };
  };
  expect(subscription.subscription.hasPendingPayment).toBe(false);
}

async function expectFulfilledOnce(quoteId: string, sessionId: string) {
  const status = await checkoutStatus(alex, sessionId);
  expect(status).toMatchObject({
    state: 'fulfilled',
    quote: { id: quoteId },
    subscription: { termEnd: '2029-12-14' },
    invoice: { number: 'INV-2026-000001' },
  });
  expect(await count(ctx, 'payments')).toBe(1);
  expect(await count(ctx, 'fulfilments')).toBe(1);
  expect(await count(ctx, 'invoices')).toBe(1);
}

describe('cards that pay', () => {
  it('4242 4242 4242 4242: paid, the subscription renewed, invoiced, receipted, audited', async () => {
    const { quote, sessionId } = await checkoutForSupport();
    const outcome = await pay(ctx, sessionId, { card_number: '4242424242424242' });
    expect(outcome.status).toBe('complete');
    await expectFulfilledOnce(quote.id, sessionId);

    const payment = await ctx.db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
    const intent = await ctx.stripe.client.paymentIntents.retrieve(payment.stripe_payment_intent_id, {
      expand: ['latest_charge.balance_transaction'],
    });
    const charge = intent.latest_charge as {
      id: string;
      balance_transaction: { id: string; fee: number; net: number };
    };
    expect(payment).toMatchObject({
      account_id: 'acct_northwind',
      subscription_id: SUPPORT,
      quote_id: quote.id,
      checkout_session_id: sessionId,
      status: 'succeeded',
      fulfilment_status: 'fulfilled',
      amount_minor: quote.total.amountMinor,
      currency: 'USD',
      stripe_charge_id: charge.id,
      stripe_balance_transaction_id: charge.balance_transaction.id,
      fee_minor: charge.balance_transaction.fee,
      net_minor: charge.balance_transaction.net,
      card_brand: 'visa',
      card_last4: '4242',
      paid_at: '2026-11-23T12:00:00.000Z',
    });
    expect(payment.fee_minor).toBe(Math.round(quote.total.amountMinor * 0.029) + 30);

    // Paid through 2029; the renewal's contracted price is the scheduled next term's (issue 10: a change takes
    // effect from the term it pays for), not the running term's.
    const subscription = await subscriptionRow(ctx, SUPPORT);
    expect(subscription).toMatchObject({ term_end: '2029-12-14', seats: 25 });
    const scheduled = await ctx.db
      .selectFrom('subscription_scheduled_terms')
      .selectAll()
      .where('subscription_id', '=', SUPPORT)
      .executeTakeFirstOrThrow();
    expect(scheduled).toMatchObject({
      term_start: '2026-12-14',
      term_end: '2029-12-14',
      seats: 25,
      unit_price_minor: quote.contractUnitPrice.amountMinor,
    });
    const paidQuote = (await (await alex.get(`/api/quotes/${quote.id}`)).json()) as {
      quote: { status: string };
    };
    expect(paidQuote.quote.status).toBe('paid');

    const history = await ctx.db
      .selectFrom('subscription_events')
      .select(['type', 'actor_label', 'data'])
      .where('subscription_id', '=', SUPPORT)
      .where('type', '=', 'renewed')
      .where('at', '>=', '2026-11-23')
      .executeTakeFirstOrThrow();
    expect(history.actor_label).toBe('alex@northwind.example');
    expect(JSON.parse(history.data)).toMatchObject({
      termStart: '2026-12-14',
      termEnd: '2029-12-14',
      termYears: 3,
      quoteNumber: quote.number,
    });
    const audit = await ctx.db.selectFrom('audit_events').select('action').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'quote.checkout_started',
        'payment.recorded',
        'subscription.renewed',
        'payment.fulfilled',
      ]),
    );
    const receipt = await ctx.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('template', '=', 'payment_receipt')
      .executeTakeFirstOrThrow();
    expect(receipt).toMatchObject({
      to_address: 'ap@northwind.example',
      dedupe_key: `receipt:${payment.id}`,
    });
    expect(receipt.text_body).toContain('INV-2026-000001');
    expect(receipt.text_body).toContain('December 13, 2029');
    expect(receipt.text_body).toContain('Visa card ending in 4242');
  });

  it('4000 0025 0000 3155 with 3-D Secure approved: paid once', async () => {
    const { quote, sessionId } = await checkoutForSupport();
    const outcome = await pay(ctx, sessionId, { card_number: '4000002500003155', three_d_secure: 'approve' });
    expect(outcome.status).toBe('complete');
    await expectFulfilledOnce(quote.id, sessionId);
  });

  it('4000 0027 6000 3184 (always authenticates) approved: paid once', async () => {
    const { quote, sessionId } = await checkoutForSupport();
    const outcome = await pay(ctx, sessionId, { card_number: '4000002760003184', three_d_secure: 'approve' });
    expect(outcome.status).toBe('complete');
    await expectFulfilledOnce(quote.id, sessionId);
  });

  it('a 3-D Secure card left waiting for the challenge has not paid: nothing recorded yet', async () => {
    const { quote, sessionId } = await checkoutForSupport();
    const outcome = await pay(ctx, sessionId, { card_number: '4000002760003184' });
    expect(outcome.status).toBe('requires_action');
    expect((await checkoutStatus(alex, sessionId)).state).toBe('open');
    await expectNothingChanged(quote.id);

    // Approving afterwards (the customer finishes the challenge) pays it.
    await emulatorHelper(ctx, `/intents/${outcome.payment_intent}/authenticate`, { result: 'approve' });
    await ctx.emulator.settleWebhooks();
    await expectFulfilledOnce(quote.id, sessionId);
  });
});

describe('cards that do not pay change nothing', () => {
  const declines = [
    ['4000 0000 0000 0002 (declined)', '4000000000000002', 'card_declined'],
    ['4000 0000 0000 9995 (insufficient funds)', '4000000000009995', 'card_declined'],
    ['4000 0000 0000 0341 (saves, then every charge is declined)', '4000000000000341', 'card_declined'],
  ] as const;
  for (const [name, number, code] of declines) {
    it(name, async () => {
      const { quote, sessionId } = await checkoutForSupport(number === '4000000000000341');
      const outcome = await pay(ctx, sessionId, { card_number: number });
      expect(outcome.status).toBe('declined');
      expect(outcome.error?.code).toBe(code);
      expect((await checkoutStatus(alex, sessionId)).state).toBe('open');
      await expectNothingChanged(quote.id);
    });
  }

  it('insufficient funds says so', async () => {
    const { sessionId } = await checkoutForSupport();
    const outcome = await pay(ctx, sessionId, { card_number: '4000000000009995' });
    expect(outcome.error?.decline_code).toBe('insufficient_funds');
  });

  for (const number of ['4000002500003155', '4000002760003184']) {
    it(`${number} with 3-D Secure failed`, async () => {
      const { quote, sessionId } = await checkoutForSupport();
      const outcome = await pay(ctx, sessionId, { card_number: number, three_d_secure: 'fail' });
      expect(outcome.status).toBe('declined');
      await expectNothingChanged(quote.id);
    });
  }

  it('a declined card can be followed by one that pays, in the same session', async () => {
    const { quote, sessionId } = await checkoutForSupport();
    expect((await pay(ctx, sessionId, { card_number: '4000000000000002' })).status).toBe('declined');
    expect((await pay(ctx, sessionId, { card_number: '4242424242424242' })).status).toBe('complete');
    await expectFulfilledOnce(quote.id, sessionId);
  });
});

describe('saving a card for later (setup mode)', () => {
  it('4000 0000 0000 0341 saves fine (it is the account’s card), and only a later charge fails', async () => {
    const { sessionId: quoteSession } = await checkoutForSupport();
    void quoteSession; // creates the account's Stripe customer
    const account = await ctx.db
      .selectFrom('accounts')
      .select('stripe_customer_id')
      .where('id', '=', 'acct_northwind')
      .executeTakeFirstOrThrow();
    const customer = String(account.stripe_customer_id);
    const setup = await ctx.stripe.client.checkout.sessions.create({
      mode: 'setup',
      customer,
      currency: 'usd',
      success_url: 'http://portal.test/done',
    });
    const outcome = await pay(ctx, setup.id, { card_number: '4000000000000341' });
    expect(outcome.status).toBe('complete');
    const saved = await ctx.db
      .selectFrom('accounts')
      .select('default_payment_method_id')
      .where('id', '=', 'acct_northwind')
      .executeTakeFirstOrThrow();
    expect(saved.default_payment_method_id).toMatch(/^pm_/);
    await expect(
      ctx.stripe.client.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        customer,
        payment_method: String(saved.default_payment_method_id),
        off_session: true,
        confirm: true,
      }),
    ).rejects.toMatchObject({ type: 'StripeCardError', code: 'card_declined' });
    // An off-session attempt that is not a quote's payment is not recorded by checkout fulfilment.
    await ctx.emulator.settleWebhooks();
    expect(await count(ctx, 'payments')).toBe(0);
  });
});
