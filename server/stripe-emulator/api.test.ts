// Request handling through the real SDK: auth, errors, validation, customers, idempotency, pagination, expand.
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_VERSION } from './context.ts';
import { createTestEmulator, PUBLIC_URL, type TestEmulator } from './testing/harness.ts';

let t: TestEmulator;
beforeEach(() => {
  t = createTestEmulator();
});
afterEach(() => t.close());

describe('requests and errors', () => {
  it('pins the same API version as the SDK', () => {
    expect(API_VERSION).toBe(Stripe.API_VERSION);
  });

  it('rejects a missing or non-test key with a 401 in Stripe shape', async () => {
    const noKey = await t.emulator.fetch(new Request(`${PUBLIC_URL}/v1/customers`));
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ error: { type: 'invalid_request_error' } });

    const live = new Stripe('sk_live_123456789', {
      httpClient: Stripe.createFetchHttpClient(((u: string, i?: RequestInit) =>
        t.emulator.fetch(new Request(u, i))) as typeof fetch),
      host: 'emulator.test',
      protocol: 'http',
    });
    await expect(live.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('answers unknown URLs and unknown ids like Stripe', async () => {
    const error = await t.stripe.customers.retrieve('cus_missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
    expect((error as Error).message).toBe("No such customer: 'cus_missing'");

    const response = await t.emulator.fetch(
      new Request(`${PUBLIC_URL}/v1/nothing`, { headers: { authorization: 'Bearer sk_test_x' } }),
    );
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /Unrecognized request URL/,
    );
  });

  it('validates parameters with Stripe wording', async () => {
    const missing = await t.stripe.paymentIntents
      .create({ currency: 'usd' } as never)
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({
      statusCode: 400,
      param: 'amount',
      message: 'Missing required param: amount.',
    });

    const unknown = await t.stripe.customers.create({ nickname: 'x' } as never).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ param: 'nickname', message: 'Received unknown parameter: nickname' });

    const badInt = await t.stripe.paymentIntents
      .create({ amount: 'ten' as never, currency: 'usd' })
      .catch((e: unknown) => e);
    expect(badInt).toMatchObject({ param: 'amount', message: 'Invalid integer: ten' });

    const tooSmall = await t.stripe.paymentIntents
      .create({ amount: 10, currency: 'usd' })
      .catch((e: unknown) => e);
    expect(tooSmall).toMatchObject({
      code: 'amount_too_small',
      message: 'Amount must be at least $0.50 usd',
    });
  });
});

describe('customers', () => {
  it('creates, retrieves, updates and lists, emitting events with previous_attributes', async () => {
    const created = await t.stripe.customers.create({
      email: 'ada@example.com',
      name: 'Ada',
      metadata: { account_id: 'acc_1' },
    });
    expect(created).toMatchObject({
      object: 'customer',
      email: 'ada@example.com',
      metadata: { account_id: 'acc_1' },
    });
    expect(created.id).toMatch(/^cus_/);
    expect(created.created).toBe(Math.floor(t.clock.now().getTime() / 1000));

    const pm = await t.stripe.paymentMethods.attach('pm_card_visa', { customer: created.id });
    const updated = await t.stripe.customers.update(created.id, {
      name: 'Ada Lovelace',
      metadata: { account_id: '', tier: 'gold' },
      invoice_settings: { default_payment_method: pm.id },
    });
    expect(updated.metadata).toEqual({ tier: 'gold' });
    expect(updated.invoice_settings.default_payment_method).toBe(pm.id);

    const fetched = await t.stripe.customers.retrieve(created.id, {
      expand: ['invoice_settings.default_payment_method'],
    });
    const defaultPm = (fetched as Stripe.Customer).invoice_settings
      .default_payment_method as Stripe.PaymentMethod;
    expect(defaultPm.card?.last4).toBe('4242');

    const byEmail = await t.stripe.customers.list({ email: 'ada@example.com' });
    expect(byEmail.data.map((c) => c.id)).toEqual([created.id]);

    const events = await t.stripe.events.list({ type: 'customer.*' });
    expect(events.data.map((e) => e.type)).toEqual(['customer.updated', 'customer.created']);
    const update = events.data[0] as Stripe.CustomerUpdatedEvent;
    expect(update.data.previous_attributes).toMatchObject({
      name: 'Ada',
      invoice_settings: { default_payment_method: null },
    });
  });

  it('refuses a default payment method that is not attached to the customer', async () => {
    const customer = await t.stripe.customers.create({});
    const error = await t.stripe.customers
      .update(customer.id, { invoice_settings: { default_payment_method: 'pm_card_visa' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});

describe('idempotency', () => {
  it('replays the stored response for the same key and body', async () => {
    const first = await t.stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'key-1' });
    const again = await t.stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'key-1' });
    expect(again.id).toBe(first.id);
    expect((await t.stripe.customers.list()).data).toHaveLength(1);
  });

  it('marks replays with the Idempotent-Replayed header', async () => {
    const request = () =>
      t.emulator.fetch(
        new Request(`${PUBLIC_URL}/v1/customers`, {
          method: 'POST',
          headers: {
            authorization: 'Bearer sk_test_x',
            'content-type': 'application/x-www-form-urlencoded',
            'idempotency-key': 'raw-1',
          },
          body: 'email=a%40example.com&metadata[a]=1',
        }),
      );
    const first = await request();
    const second = await request();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.text()).toBe(await first.text());
  });

  it('rejects the same key with a different body', async () => {
    await t.stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'key-2' });
    const error = await t.stripe.customers
      .create({ email: 'b@example.com' }, { idempotencyKey: 'key-2' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
  });

  it('replays card errors too', async () => {
    const customer = await t.stripe.customers.create({});
    const params = {
      amount: 5000,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_chargeDeclined',
      confirm: true,
    };
    const first = await t.stripe.paymentIntents
      .create(params, { idempotencyKey: 'pay-1' })
      .catch((e: unknown) => e);
    const second = await t.stripe.paymentIntents
      .create(params, { idempotencyKey: 'pay-1' })
      .catch((e: unknown) => e);
    expect(first).toBeInstanceOf(Stripe.errors.StripeCardError);
    const id = (e: unknown) =>
      ((e as Stripe.errors.StripeCardError).raw as { payment_intent: { id: string } }).payment_intent.id;
    expect(id(second)).toBe(id(first));
    expect((await t.stripe.paymentIntents.list()).data).toHaveLength(1);
  });
});

describe('pagination and expand', () => {
  it('pages with limit, starting_after, ending_before and has_more, newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await t.stripe.customers.create({ name: `c${i}` })).id);
      t.clock.advanceSeconds(1);
    }
    const newest = [...ids].reverse();
    const first = await t.stripe.customers.list({ limit: 2 });
    expect(first.data.map((c) => c.id)).toEqual(newest.slice(0, 2));
    expect(first.has_more).toBe(true);
    expect(first.url).toBe('/v1/customers');
    const second = await t.stripe.customers.list({ limit: 2, starting_after: newest[1] });
    expect(second.data.map((c) => c.id)).toEqual(newest.slice(2, 4));
    const last = await t.stripe.customers.list({ limit: 2, starting_after: newest[3] });
    expect(last).toMatchObject({ has_more: false });
    expect(last.data.map((c) => c.id)).toEqual(newest.slice(4));
    const before = await t.stripe.customers.list({ limit: 2, ending_before: newest[4] });
    expect(before.data.map((c) => c.id)).toEqual(newest.slice(2, 4));
    expect(before.has_more).toBe(true);

    const all: string[] = [];
    for await (const customer of t.stripe.customers.list({ limit: 2 })) all.push(customer.id);
    expect(all).toEqual(newest);

    const created = Math.floor(t.clock.now().getTime() / 1000);
    const recent = await t.stripe.customers.list({ created: { gte: created - 2 } });
    expect(recent.data).toHaveLength(2);
    await expect(t.stripe.customers.list({ limit: 101 })).rejects.toMatchObject({ param: 'limit' });
  });

  it('expands nested paths on objects and lists', async () => {
    const customer = await t.stripe.customers.create({});
    const pi = await t.stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
      off_session: true,
      expand: ['latest_charge.balance_transaction', 'customer'],
    });
    const charge = pi.latest_charge as Stripe.Charge;
    expect((pi.customer as Stripe.Customer).id).toBe(customer.id);
    expect((charge.balance_transaction as Stripe.BalanceTransaction).amount).toBe(2000);

    const txns = await t.stripe.balanceTransactions.list({ expand: ['data.source'] });
    expect(txns.data[0]?.source).toMatchObject({ object: 'charge', id: charge.id });

    const withRefunds = await t.stripe.charges.retrieve(charge.id, { expand: ['refunds'] });
    expect(withRefunds.refunds?.data).toEqual([]);

    await expect(t.stripe.balanceTransactions.list({ expand: ['source'] })).rejects.toMatchObject({
      param: 'expand',
    });
    await expect(t.stripe.customers.retrieve(customer.id, { expand: ['email'] })).rejects.toMatchObject({
      param: 'expand',
    });
  });
});
