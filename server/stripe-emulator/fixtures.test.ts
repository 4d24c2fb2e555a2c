// Object shapes: every top-level field of Stripe's published fixtures is present on the emulator's objects.
import { readFileSync } from 'node:fs';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPaymentSession,
  createTestEmulator,
  PUBLIC_URL,
  type TestEmulator,
} from './testing/harness.ts';

/**
 * Compares the emulator's objects with Stripe's published fixtures (fixtures/stripe-fixtures3.json,
 * MIT, see fixtures/stripe-openapi-LICENSE): every top-level field of the fixture must be present.
 */
const fixtures = (
  JSON.parse(readFileSync(new URL('./fixtures/stripe-fixtures3.json', import.meta.url), 'utf8')) as {
    resources: Record<string, Record<string, unknown>>;
  }
).resources;

/** Fixture fields the emulator leaves out on purpose, with the reason. */
const EXCEPTIONS: Record<string, Record<string, string>> = {
  charge: { refunds: 'not included by default since API version 2022-11-15; returned with expand[]=refunds' },
};

let t: TestEmulator;
const objects: Record<string, Record<string, unknown>> = {};

/** The raw JSON from the wire, as Stripe would send it. */
async function get(path: string): Promise<Record<string, unknown>> {
  const response = await t.emulator.fetch(
    new Request(`${PUBLIC_URL}${path}`, { headers: { authorization: 'Bearer sk_test_fixtures' } }),
  );
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  t = createTestEmulator();
  const customer = await t.stripe.customers.create({ email: 'ada@example.com' });
  const session = await createPaymentSession(t.stripe, { customer: customer.id });
  await t.helper(`/checkout/sessions/${session.id}/complete`, { card_number: '4242424242424242' });
  const setup = await t.stripe.setupIntents.create({
    customer: customer.id,
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  const paid = await t.stripe.checkout.sessions.retrieve(session.id);
  const pi = await t.stripe.paymentIntents.retrieve(paid.payment_intent as string);
  const charge = await t.stripe.charges.retrieve(pi.latest_charge as string);
  t.clock.advanceDays(3);
  const { payouts } = await t.helper<{ payouts: Stripe.Payout[] }>('/payouts/run');
  const refund = await t.stripe.refunds.create({ charge: charge.id, amount: 100 });
  const dispute = await t.helper<Stripe.Dispute>(`/charges/${charge.id}/dispute`, {});
  const events = await t.stripe.events.list({ limit: 1 });

  objects.customer = await get(`/v1/customers/${customer.id}`);
  objects['checkout.session'] = await get(`/v1/checkout/sessions/${session.id}`);
  objects.payment_intent = await get(`/v1/payment_intents/${pi.id}`);
  objects.setup_intent = await get(`/v1/setup_intents/${setup.id}`);
  objects.payment_method = await get(`/v1/payment_methods/${pi.payment_method}`);
  objects.charge = await get(`/v1/charges/${charge.id}`);
  objects.refund = await get(`/v1/refunds/${refund.id}`);
  objects.dispute = await get(`/v1/disputes/${dispute.id}`);
  objects.balance_transaction = await get(`/v1/balance_transactions/${charge.balance_transaction}`);
  objects.payout = await get(`/v1/payouts/${payouts[0]?.id}`);
  objects.event = await get(`/v1/events/${events.data[0]?.id}`);
});
afterAll(() => t.close());

describe('object shapes match Stripe fixtures', () => {
  it.each([
    'customer',
    'checkout.session',
    'payment_intent',
    'setup_intent',
    'payment_method',
    'charge',
    'refund',
    'dispute',
    'balance_transaction',
    'payout',
    'event',
  ])('%s has every top-level field of the fixture', (kind) => {
    const fixture = fixtures[kind];
    const object = objects[kind];
    expect(fixture).toBeDefined();
    expect(object?.object).toBe(kind);
    const skipped = EXCEPTIONS[kind] ?? {};
    const missing = Object.keys(fixture ?? {}).filter((key) => !(key in (object ?? {})) && !(key in skipped));
    expect(missing).toEqual([]);
  });
});
