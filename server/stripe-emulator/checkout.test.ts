// Checkout Sessions: the hosted page form with every test card, 3-D Secure, the completion helper, setup mode, expiry.
import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardForm, createPaymentSession, createTestEmulator, type TestEmulator } from './testing/harness.ts';

let t: TestEmulator;
beforeEach(() => {
  t = createTestEmulator();
});
afterEach(() => t.close());

const sessionPath = (session: Stripe.Checkout.Session) => new URL(session.url ?? '').pathname;

async function eventTypes(): Promise<string[]> {
  const events = await t.stripe.events.list({ limit: 100 });
  return events.data.map((e) => e.type).reverse();
}

describe('hosted checkout page', () => {
  it('shows an accessible form with the amount and currency', async () => {
    const session = await createPaymentSession(t.stripe, { amount: 123_456, currency: 'usd' });
    expect(session.url).toBe(`http://emulator.test/c/pay/${session.id}`);
    const response = await t.page(sessionPath(session));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('$1,234.56');
    expect(html).toContain('USD');
    for (const [id, label] of [
      ['card-number', 'Card number'],
      ['card-expiry', 'Expiry date'],
      ['card-cvc', 'Security code'],
      ['card-name', 'Name on card'],
      ['email', 'Email'],
    ]) {
      expect(html).toMatch(new RegExp(`<label for="${id}">${label}`));
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('autocomplete="cc-number"');
  });

  it('formats zero-decimal currencies without dividing by 100', async () => {
    const session = await createPaymentSession(t.stripe, { amount: 15_000, currency: 'jpy' });
    const html = await (await t.page(sessionPath(session))).text();
    expect(html).toContain('¥15,000');
  });

  it('completes with 4242… and redirects to success_url with the session id', async () => {
    const customer = await t.stripe.customers.create({ email: 'ada@example.com' });
    const session = await createPaymentSession(t.stripe, {
      customer: customer.id,
      metadata: { quote_id: 'q_1' },
      payment_intent_data: { setup_future_usage: 'off_session', metadata: { quote_id: 'q_1' } },
    });
    expect(session).toMatchObject({
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
      amount_total: 12_000,
    });

    const response = await t.page(sessionPath(session), cardForm('4242 4242 4242 4242'));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`https://portal.test/paid?session=${session.id}`);

    const done = await t.stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent.latest_charge', 'line_items'],
    });
    expect(done).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      customer: customer.id,
      url: null,
    });
    expect(done.customer_details).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(done.line_items?.data[0]).toMatchObject({
      description: 'Annual renewal',
      amount_total: 12_000,
      quantity: 1,
    });
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi).toMatchObject({ status: 'succeeded', amount_received: 12_000, metadata: { quote_id: 'q_1' } });
    expect((pi.latest_charge as Stripe.Charge).payment_method_details?.card?.last4).toBe('4242');

    // The card was saved for off-session use on the customer.
    const methods = await t.stripe.paymentMethods.list({ customer: customer.id });
    expect(methods.data.map((m) => m.id)).toEqual([pi.payment_method]);
    expect(await eventTypes()).toEqual([
      'customer.created',
      'payment_intent.created',
      'payment_method.attached',
      'charge.succeeded',
      'payment_intent.succeeded',
      'charge.updated',
      'checkout.session.completed',
    ]);
  });

  it.each([
    ['4000000000000002', 'Your card was declined.', 'generic_decline'],
    ['4000000000009995', 'Your card has insufficient funds.', 'insufficient_funds'],
    ['4000000000000341', 'Your card was declined.', 'generic_decline'],
  ])('shows the decline for %s and lets the user retry', async (number, message, declineCode) => {
    const session = await createPaymentSession(t.stripe);
    const declined = await t.page(sessionPath(session), cardForm(number, { email: 'bob@example.com' }));
    expect(declined.status).toBe(402);
    const html = await declined.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain(message.replace("'", '&#39;'));

    const afterDecline = await t.stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent'],
    });
    expect(afterDecline.status).toBe('open');
    const failed = afterDecline.payment_intent as Stripe.PaymentIntent;
    expect(failed).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { decline_code: declineCode },
    });

    const retry = await t.page(
      sessionPath(session),
      cardForm('4242424242424242', { email: 'bob@example.com' }),
    );
    expect(retry.status).toBe(303);
    const paid = await t.stripe.paymentIntents.retrieve(failed.id);
    expect(paid.status).toBe('succeeded');
    const charges = await t.stripe.charges.list({ payment_intent: failed.id });
    expect(charges.data.map((c) => c.status)).toEqual(['succeeded', 'failed']);
  });

  it('rejects an invalid card number or a past expiry without charging', async () => {
    const session = await createPaymentSession(t.stripe, { customer_email: 'x@example.com' });
    const invalid = await t.page(sessionPath(session), cardForm('4242424242424241'));
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('Your card number is invalid.');
    const expired = await t.page(sessionPath(session), cardForm('4242424242424242', { expiry: '01 / 20' }));
    expect(await expired.text()).toContain('expiration year is in the past');
    expect((await t.stripe.paymentIntents.list()).data).toHaveLength(0);
  });

  it.each([
    ['4000002500003155', 'approve', 'complete'],
    ['4000002760003184', 'approve', 'complete'],
    ['4000002500003155', 'fail', 'open'],
  ])('sends %s through the 3-D Secure page (%s)', async (number, result, status) => {
    const session = await createPaymentSession(t.stripe, { customer_email: 'x@example.com' });
    const submitted = await t.page(sessionPath(session), cardForm(number));
    expect(submitted.status).toBe(303);
    const challenge = submitted.headers.get('location') ?? '';
    expect(challenge).toMatch(/\/3ds\/pi_/);
    const page = await (await t.page(challenge)).text();
    expect(page).toContain('>Approve</button>');
    expect(page).toContain('>Fail</button>');

    const answered = await t.page(challenge, { result });
    const location = answered.headers.get('location') ?? '';
    const after = await t.stripe.checkout.sessions.retrieve(session.id);
    expect(after.status).toBe(status);
    if (result === 'approve') {
      expect(location).toBe(`https://portal.test/paid?session=${session.id}`);
    } else {
      expect(location).toBe(`/c/pay/${session.id}?failed=authentication`);
      expect(await (await t.page(location)).text()).toContain('unable to authenticate your payment method');
    }
  });
});

describe('checkout test helper', () => {
  it.each([
    ['4242424242424242', undefined, 'complete', null],
    ['4000000000000002', undefined, 'declined', 'generic_decline'],
    ['4000000000009995', undefined, 'declined', 'insufficient_funds'],
    ['4000000000000341', undefined, 'declined', 'generic_decline'],
    ['4000002500003155', undefined, 'requires_action', null],
    ['4000002500003155', 'approve', 'complete', null],
    ['4000002760003184', 'approve', 'complete', null],
    ['4000002760003184', 'fail', 'declined', null],
  ])('completes with %s (3DS: %s) → %s', async (card, threeDSecure, status, declineCode) => {
    const session = await createPaymentSession(t.stripe);
    const result = await t.helper<{ status: string; error: { decline_code: string | null } | null }>(
      `/checkout/sessions/${session.id}/complete`,
      { card_number: card, ...(threeDSecure ? { three_d_secure: threeDSecure } : {}) },
    );
    expect(result.status).toBe(status);
    if (declineCode) expect(result.error?.decline_code).toBe(declineCode);
    const after = await t.stripe.checkout.sessions.retrieve(session.id);
    expect(after.status).toBe(status === 'complete' ? 'complete' : 'open');
  });

  it('accepts pm_card_* ids', async () => {
    const session = await createPaymentSession(t.stripe);
    const result = await t.helper(`/checkout/sessions/${session.id}/complete`, {
      payment_method: 'pm_card_visa',
    });
    expect(result.status).toBe('complete');
  });
});

describe('setup mode', () => {
  it('saves a card on the customer and marks it ready for off-session payments', async () => {
    const customer = await t.stripe.customers.create({ email: 'ada@example.com' });
    const session = await t.stripe.checkout.sessions.create({
      mode: 'setup',
      currency: 'usd',
      customer: customer.id,
      success_url: 'https://portal.test/saved?session={CHECKOUT_SESSION_ID}',
    });
    expect(session.setup_intent).toMatch(/^seti_/);
    expect(session.payment_status).toBe('no_payment_required');
    const html = await (await t.page(sessionPath(session))).text();
    expect(html).toContain('Save card');

    const submitted = await t.page(sessionPath(session), cardForm('4000002500003155'));
    const answered = await t.page(submitted.headers.get('location') ?? '', { result: 'approve' });
    expect(answered.headers.get('location')).toBe(`https://portal.test/saved?session=${session.id}`);

    const done = await t.stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
    const si = done.setup_intent as Stripe.SetupIntent;
    expect(si).toMatchObject({ status: 'succeeded', customer: customer.id, usage: 'off_session' });

    // 3155 asks for authentication on-session but not off-session once set up.
    const pi = await t.stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      customer: customer.id,
      payment_method: si.payment_method as string,
      off_session: true,
      confirm: true,
    });
    expect(pi.status).toBe('succeeded');
    expect((await eventTypes()).filter((type) => type.startsWith('setup_intent'))).toEqual([
      'setup_intent.created',
      'setup_intent.requires_action',
      'setup_intent.succeeded',
    ]);
  });
});

describe('session lifecycle', () => {
  it('expires when its time passes or on request, and lists with filters', async () => {
    const soon = await createPaymentSession(t.stripe, {
      expires_at: Math.floor(t.clock.now().getTime() / 1000) + 1800,
    });
    const manual = await createPaymentSession(t.stripe);
    await t.stripe.checkout.sessions.expire(manual.id);
    t.clock.advanceSeconds(1801);
    const expired = await t.stripe.checkout.sessions.list({ status: 'expired' });
    expect(expired.data.map((s) => s.id).sort()).toEqual([soon.id, manual.id].sort());
    expect((await t.page(sessionPath(soon))).status).toBe(410);
    const types = await eventTypes();
    expect(types.filter((type) => type === 'checkout.session.expired')).toHaveLength(2);
    await expect(t.stripe.checkout.sessions.expire(manual.id)).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      createPaymentSession(t.stripe, { expires_at: Math.floor(t.clock.now().getTime() / 1000) + 60 }),
    ).rejects.toMatchObject({ param: 'expires_at' });
  });

  it('cancels the pending PaymentIntent on expiry, so a late 3-D Secure answer cannot pay', async () => {
    const session = await createPaymentSession(t.stripe, { customer_email: 'x@example.com' });
    const submitted = await t.page(sessionPath(session), cardForm('4000002760003184'));
    const challenge = submitted.headers.get('location') ?? '';
    await t.stripe.checkout.sessions.expire(session.id);
    const pi = await t.stripe.paymentIntents.retrieve(challenge.split('/').at(-1) ?? '');
    expect(pi).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect((await t.page(challenge, { result: 'approve' })).status).toBe(400);
    expect((await t.stripe.checkout.sessions.retrieve(session.id)).status).toBe('expired');
  });

  it('lists line items in order', async () => {
    const session = await t.stripe.checkout.sessions.create({
      mode: 'payment',
      success_url: 'https://portal.test/ok',
      line_items: [
        { quantity: 2, price_data: { currency: 'eur', unit_amount: 1000, product_data: { name: 'Seats' } } },
        { quantity: 1, price_data: { currency: 'eur', unit_amount: 500, product_data: { name: 'Support' } } },
      ],
    });
    expect(session.amount_total).toBe(2500);
    const items = await t.stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data.map((i) => [i.description, i.amount_total])).toEqual([
      ['Seats', 2000],
      ['Support', 500],
    ]);
  });
});
