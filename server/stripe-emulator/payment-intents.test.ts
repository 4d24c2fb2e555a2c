// PaymentIntents off-session (success, authentication_required, declines) and on-session with 3-D Secure.
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestEmulator, type TestEmulator } from './testing/harness.ts';

let t: TestEmulator;
beforeEach(() => {
  t = createTestEmulator();
});
afterEach(() => t.close());

/** A customer with the test card saved the way the portal saves cards (setup, then default). */
async function customerWithCard(card: string): Promise<{ customer: Stripe.Customer; paymentMethod: string }> {
  const customer = await t.stripe.customers.create({ email: 'billing@example.com' });
  const si = await t.stripe.setupIntents.create({
    customer: customer.id,
    payment_method: card,
    confirm: true,
    usage: 'off_session',
  });
  let setUp = si;
  if (si.status === 'requires_action') {
    await t.helper(`/intents/${si.id}/authenticate`, { result: 'approve' });
    setUp = await t.stripe.setupIntents.retrieve(si.id);
  }
  expect(setUp.status).toBe('succeeded');
  const paymentMethod = setUp.payment_method as string;
  await t.stripe.customers.update(customer.id, {
    invoice_settings: { default_payment_method: paymentMethod },
  });
  return { customer, paymentMethod };
}

function chargeOffSession(customer: string, paymentMethod: string) {
  return t.stripe.paymentIntents.create({
    amount: 99_00,
    currency: 'usd',
    customer,
    payment_method: paymentMethod,
    off_session: true,
    confirm: true,
    metadata: { renewal_id: 'ren_1' },
  });
}

async function cardError(promise: Promise<unknown>): Promise<Stripe.errors.StripeCardError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
  return error as Stripe.errors.StripeCardError;
}

type RawCardError = {
  payment_intent: Stripe.PaymentIntent;
  payment_method: Stripe.PaymentMethod;
  charge?: string;
};

describe('off-session payments', () => {
  it('succeed with a saved card, with charge, fee and balance transaction', async () => {
    const { customer, paymentMethod } = await customerWithCard('pm_card_visa');
    const pi = await chargeOffSession(customer.id, paymentMethod);
    expect(pi).toMatchObject({
      status: 'succeeded',
      amount_received: 99_00,
      metadata: { renewal_id: 'ren_1' },
    });
    const charge = await t.stripe.charges.retrieve(pi.latest_charge as string, {
      expand: ['balance_transaction'],
    });
    const txn = charge.balance_transaction as Stripe.BalanceTransaction;
    expect(txn).toMatchObject({
      amount: 9900,
      fee: 317,
      net: 9583,
      type: 'charge',
      reporting_category: 'charge',
      source: charge.id,
    });
    expect(txn.fee_details).toEqual([
      {
        amount: 317,
        application: null,
        currency: 'usd',
        description: 'Stripe processing fees',
        type: 'stripe_fee',
      },
    ]);
    expect(txn.available_on).toBe(Date.UTC(2026, 10, 25) / 1000);
    expect(txn.status).toBe('pending');
    t.clock.advanceDays(2);
    expect((await t.stripe.balanceTransactions.retrieve(txn.id)).status).toBe('available');
  });

  it('fail with authentication_required for 3184, carrying the PaymentIntent', async () => {
    const { customer, paymentMethod } = await customerWithCard('pm_card_authenticationRequired');
    const error = await cardError(chargeOffSession(customer.id, paymentMethod));
    expect(error).toMatchObject({
      statusCode: 402,
      code: 'authentication_required',
      decline_code: 'authentication_required',
    });
    const raw = error.raw as RawCardError;
    expect(raw.payment_intent).toMatchObject({
      object: 'payment_intent',
      status: 'requires_payment_method',
      last_payment_error: { code: 'authentication_required', type: 'card_error' },
    });
    expect(raw.payment_method.id).toBe(paymentMethod);
    const stored = await t.stripe.paymentIntents.retrieve(raw.payment_intent.id);
    expect(stored.status).toBe('requires_payment_method');
    const events = await t.stripe.events.list({ types: ['payment_intent.payment_failed', 'charge.failed'] });
    expect(events.data.map((e) => e.type).sort()).toEqual(['charge.failed', 'payment_intent.payment_failed']);
  });

  it('succeed for 3155 once set up, but ask for authentication when only attached', async () => {
    const { customer, paymentMethod } = await customerWithCard('pm_card_authenticationRequiredOnSetup');
    expect((await chargeOffSession(customer.id, paymentMethod)).status).toBe('succeeded');

    const attached = await t.stripe.paymentMethods.attach('pm_card_authenticationRequiredOnSetup', {
      customer: customer.id,
    });
    const error = await cardError(chargeOffSession(customer.id, attached.id));
    expect(error.code).toBe('authentication_required');
  });

  it.each([['pm_card_chargeCustomerFail', 'card_declined', 'generic_decline']])(
    'are declined for %s with a 402 card_error',
    async (card, code, declineCode) => {
      const { customer, paymentMethod } = await customerWithCard(card);
      const error = await cardError(chargeOffSession(customer.id, paymentMethod));
      expect(error).toMatchObject({ code, decline_code: declineCode, message: 'Your card was declined.' });
      const raw = error.raw as RawCardError;
      expect(raw.payment_intent.status).toBe('requires_payment_method');
      expect(raw.charge).toMatch(/^ch_/);
      const charge = await t.stripe.charges.retrieve(raw.charge ?? '');
      expect(charge).toMatchObject({
        status: 'failed',
        paid: false,
        failure_code: code,
        balance_transaction: null,
      });
    },
  );

  it('are declined for insufficient funds when confirming a pm_card_* directly', async () => {
    const customer = await t.stripe.customers.create({});
    const error = await cardError(chargeOffSession(customer.id, 'pm_card_chargeDeclinedInsufficientFunds'));
    expect(error).toMatchObject({
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    });
  });
});

describe('saving cards', () => {
  it('refuses to attach or set up cards that are always declined', async () => {
    const customer = await t.stripe.customers.create({});
    const attach = await cardError(
      t.stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: customer.id }),
    );
    expect(attach.code).toBe('card_declined');
    const setup = await cardError(
      t.stripe.setupIntents.create({
        customer: customer.id,
        payment_method: 'pm_card_chargeDeclined',
        confirm: true,
      }),
    );
    expect((setup.raw as { setup_intent: Stripe.SetupIntent }).setup_intent.status).toBe(
      'requires_payment_method',
    );
  });

  it('attaches 0341 fine and lists payment methods by customer', async () => {
    const customer = await t.stripe.customers.create({});
    const pm = await t.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    expect(pm).toMatchObject({ customer: customer.id, type: 'card', card: { brand: 'visa', last4: '0341' } });
    const list = await t.stripe.customers.listPaymentMethods(customer.id);
    expect(list.data.map((m) => m.id)).toEqual([pm.id]);
    const events = await t.stripe.events.list({ type: 'payment_method.attached' });
    expect(events.data).toHaveLength(1);
  });

  it('clears the default payment method when it is detached', async () => {
    const { customer, paymentMethod } = await customerWithCard('pm_card_visa');
    const detached = await t.stripe.paymentMethods.detach(paymentMethod);
    expect(detached.customer).toBeNull();
    const after = (await t.stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(after.invoice_settings.default_payment_method).toBeNull();
    expect((await t.stripe.customers.listPaymentMethods(customer.id)).data).toEqual([]);
  });
});

describe('on-session confirmation', () => {
  it('asks for 3-D Secure with a redirect and succeeds once approved', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 5000, currency: 'eur' });
    expect(pi.status).toBe('requires_payment_method');
    const confirmed = await t.stripe.paymentIntents.confirm(pi.id, {
      payment_method: 'pm_card_authenticationRequired',
      return_url: 'https://portal.test/return',
    });
    expect(confirmed.status).toBe('requires_action');
    const url = confirmed.next_action?.redirect_to_url?.url ?? '';
    expect(url).toBe(`http://emulator.test/3ds/${pi.id}`);
    const answered = await t.page(url, { result: 'approve' });
    const location = new URL(answered.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://portal.test/return');
    expect(location.searchParams.get('redirect_status')).toBe('succeeded');
    expect((await t.stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
  });

  it('fails with error_on_requires_action, and refuses reuse of an unattached card', async () => {
    const error = await cardError(
      t.stripe.paymentIntents.create({
        amount: 5000,
        currency: 'usd',
        payment_method: 'pm_card_authenticationRequired',
        confirm: true,
        error_on_requires_action: true,
      }),
    );
    const used = (error.raw as RawCardError).payment_method.id;
    const reuse = await t.stripe.paymentIntents
      .create({ amount: 5000, currency: 'usd', payment_method: used, confirm: true })
      .catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('updates, cancels and lists intents', async () => {
    const customer = await t.stripe.customers.create({});
    const pi = await t.stripe.paymentIntents.create({ amount: 5000, currency: 'usd', customer: customer.id });
    const updated = await t.stripe.paymentIntents.update(pi.id, { amount: 6000, metadata: { a: '1' } });
    expect(updated).toMatchObject({ amount: 6000, metadata: { a: '1' } });
    const canceled = await t.stripe.paymentIntents.cancel(pi.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    await expect(
      t.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' }),
    ).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
    });
    const list = await t.stripe.paymentIntents.list({ customer: customer.id });
    expect(list.data.map((p) => p.id)).toEqual([pi.id]);
  });
});
