// Starting a checkout through the real app and the real SDK against the emulator: exactly the quote's total,
// the Stripe customer made from the billing details, one session for double clicks and second tabs (also at
// the same instant), options that replace a session, and who may pay what.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import { count, makeQuote, pay, SUPPORT, startCheckout } from '../../testing/payments.ts';

let ctx: TestContext;
let alex: TestClient;
beforeEach(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
});
afterEach(async () => {
  await ctx.dispose();
});

const renewSupport = (termYears: 1 | 2 | 3 = 3) =>
  makeQuote(alex, SUPPORT, { kind: 'renew', planCode: 'starter', termYears, seats: 25 });

describe('starting a checkout', () => {
  it('creates a Checkout Session for exactly the quote, for the account’s Stripe customer', async () => {
    const quote = await renewSupport();
    // A price sent by the client is ignored: only options are read.
    const { response, checkout } = await startCheckout(alex, quote.id, {
      renewAutomatically: false,
      amount: 1,
      total: { amountMinor: 1, currency: 'USD' },
    });
    expect(response.status).toBe(201);
    expect(checkout.isReused).toBe(false);
    expect(checkout.url).toBe(`http://stripe.test/c/pay/${checkout.sessionId}`);

    const session = await ctx.stripe.client.checkout.sessions.retrieve(checkout.sessionId, {
      expand: ['line_items'],
    });
    expect(session).toMatchObject({
      mode: 'payment',
      amount_total: quote.total.amountMinor,
      currency: 'usd',
      client_reference_id: quote.id,
      metadata: { quote_id: quote.id, quote_number: quote.number, renew_automatically: 'false' },
      success_url: 'http://portal.test/checkout/success?session_id={CHECKOUT_SESSION_ID}',
      // Cancel brings the customer back to the quote, which says nothing was charged (issue 14).
      cancel_url: `http://portal.test/quotes/${quote.id}?checkout=cancelled`,
      // The hosted page speaks the payer's language.
      locale: 'en',
    });
    expect(session.line_items?.data).toHaveLength(1);
    expect(session.line_items?.data[0]?.description).toBe(
      `${quote.number} · Renewal of Starter, 25 seats, 3 years`,
    );
    // The session ends no later than the quote does.
    expect(session.expires_at * 1000).toBeLessThanOrEqual(Date.parse(quote.expiresAt));

    const account = await ctx.db
      .selectFrom('accounts')
      .select('stripe_customer_id')
      .where('id', '=', 'acct_northwind')
      .executeTakeFirstOrThrow();
    expect(session.customer).toBe(account.stripe_customer_id);
    const customer = await ctx.stripe.client.customers.retrieve(String(account.stripe_customer_id));
    expect(customer).toMatchObject({
      name: 'Northwind Traders, Inc.',
      email: 'ap@northwind.example',
      address: { line1: '500 Howard Street', city: 'San Francisco', state: 'CA', country: 'US' },
      metadata: { account_id: 'acct_northwind' },
    });
  });

  it('asks Stripe to save the card for off-session use when the admin ticks “renew automatically”', async () => {
    const quote = await renewSupport();
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: true });
    const outcome = await pay(ctx, checkout.sessionId);
    expect(outcome.status).toBe('complete');
    const intent = await ctx.stripe.client.paymentIntents.retrieve(String(outcome.payment_intent));
    expect(intent.setup_future_usage).toBe('off_session');
    expect(intent.metadata).toMatchObject({ quote_id: quote.id, renew_automatically: 'true' });

    // Paid: the card is the account's saved payment method and auto-renew is on for the same term.
    const account = await ctx.db
      .selectFrom('accounts')
      .select('default_payment_method_id')
      .where('id', '=', 'acct_northwind')
      .executeTakeFirstOrThrow();
    expect(account.default_payment_method_id).toBe(intent.payment_method);
    const subscription = await ctx.db
      .selectFrom('subscriptions')
      .select(['auto_renew_enabled', 'auto_renew_term_years'])
      .where('id', '=', SUPPORT)
      .executeTakeFirstOrThrow();
    expect(subscription).toEqual({ auto_renew_enabled: 1, auto_renew_term_years: 3 });
    const consent = await ctx.db
      .selectFrom('audit_events')
      .select(['actor_label', 'after_json'])
      .where('action', '=', 'subscription.auto_renew_enabled')
      .executeTakeFirstOrThrow();
    expect(consent.actor_label).toBe('alex@northwind.example');
    expect(JSON.parse(consent.after_json ?? '{}')).toMatchObject({
      consent: { givenBy: 'alex@northwind.example' },
    });
  });

  it('replaces a stored Stripe customer that Stripe does not know (data reset, other key)', async () => {
    await ctx.db
      .updateTable('accounts')
      .set({ stripe_customer_id: 'cus_gone' })
      .where('id', '=', 'acct_northwind')
      .execute();
    const quote = await renewSupport();
    const { response, checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    expect(response.status).toBe(201);
    const account = await ctx.db
      .selectFrom('accounts')
      .select('stripe_customer_id')
      .where('id', '=', 'acct_northwind')
      .executeTakeFirstOrThrow();
    expect(account.stripe_customer_id).toMatch(/^cus_/);
    expect(account.stripe_customer_id).not.toBe('cus_gone');
    const session = await ctx.stripe.client.checkout.sessions.retrieve(checkout.sessionId);
    expect(session.customer).toBe(account.stripe_customer_id);
  });

  it('hands a double click and a second tab the same open session', async () => {
    const quote = await renewSupport();
    const first = await startCheckout(alex, quote.id, { renewAutomatically: false });
    const second = await startCheckout(alex, quote.id, { renewAutomatically: false });
    const otherTab = await (await ctx.signedIn('alex@northwind.example')).post(
      `/api/quotes/${quote.id}/checkout`,
      {
        renewAutomatically: false,
      },
    );
    expect(second.response.status).toBe(200);
    expect(second.checkout).toEqual({ ...first.checkout, isReused: true });
    expect(((await otherTab.json()) as { checkout: { sessionId: string } }).checkout.sessionId).toBe(
      first.checkout.sessionId,
    );
    expect(await count(ctx, 'checkout_sessions')).toBe(1);
    const atStripe = await ctx.stripe.client.checkout.sessions.list({ limit: 100 });
    expect(atStripe.data).toHaveLength(1);
  });

  it('makes one session when two requests arrive at the same instant', async () => {
    const quote = await renewSupport();
    const tabs = await Promise.all([
      startCheckout(alex, quote.id, { renewAutomatically: false }),
      startCheckout(alex, quote.id, { renewAutomatically: false }),
      startCheckout(alex, quote.id, { renewAutomatically: false }),
    ]);
    expect(new Set(tabs.map((t) => t.checkout.sessionId)).size).toBe(1);
    expect(tabs.filter((t) => t.response.status === 201)).toHaveLength(1);
    expect((await ctx.stripe.client.checkout.sessions.list({ limit: 100 })).data).toHaveLength(1);
    expect((await ctx.stripe.client.customers.list({ limit: 100 })).data).toHaveLength(1);

    // Paying it from any tab pays once and extends once.
    await pay(ctx, tabs[0]?.checkout.sessionId ?? '');
    expect(await count(ctx, 'payments')).toBe(1);
    expect(await count(ctx, 'fulfilments')).toBe(1);
    const renewals = await ctx.db
      .selectFrom('subscription_events')
      .select('type')
      .where('subscription_id', '=', SUPPORT)
      .where('type', '=', 'renewed')
      .where('at', '>=', '2026-11-23')
      .execute();
    expect(renewals).toHaveLength(1);
  });

  it('replaces the open session when the options change, so the old one cannot be paid', async () => {
    const quote = await renewSupport();
    const once = await startCheckout(alex, quote.id, { renewAutomatically: false });
    const saving = await startCheckout(alex, quote.id, { renewAutomatically: true });
    expect(saving.response.status).toBe(201);
    expect(saving.checkout.sessionId).not.toBe(once.checkout.sessionId);
    const old = await ctx.stripe.client.checkout.sessions.retrieve(once.checkout.sessionId);
    expect(old.status).toBe('expired');
    await expect(pay(ctx, once.checkout.sessionId)).rejects.toThrow(/no longer active/);

    await pay(ctx, saving.checkout.sessionId);
    expect(await count(ctx, 'fulfilments')).toBe(1);
    // Paid: the quote cannot start another checkout.
    const again = await startCheckout(alex, quote.id, { renewAutomatically: false });
    expect(again.response.status).toBe(409);
    expect(again.error?.message).toBe('This quote has already been paid.');
  });

  it('expires the open checkout of an older quote when a newer one is paid for', async () => {
    const threeYears = await renewSupport(3);
    const first = await startCheckout(alex, threeYears.id, { renewAutomatically: false });
    const oneYear = await renewSupport(1);
    const second = await startCheckout(alex, oneYear.id, { renewAutomatically: false });
    expect(second.response.status).toBe(201);
    expect((await ctx.stripe.client.checkout.sessions.retrieve(first.checkout.sessionId)).status).toBe(
      'expired',
    );
  });
});

describe('who may pay what', () => {
  it('lets only an admin start a checkout, and only for the account’s own quotes', async () => {
    const quote = await renewSupport();
    const morgan = await ctx.signedIn('morgan@northwind.example');
    const asMember = await startCheckout(morgan, quote.id, { renewAutomatically: false });
    expect(asMember.response.status).toBe(403);

    const liWei = await ctx.signedIn('li.wei@harbor.example');
    const asOtherAccount = await startCheckout(liWei, quote.id, { renewAutomatically: false });
    expect(asOtherAccount.response.status).toBe(404);
    expect((await startCheckout(alex, 'quo_missing', {})).response.status).toBe(404);
    expect(await count(ctx, 'checkout_sessions')).toBe(0);
  });

  it('refuses a superseded quote (409) and an expired one (422) with a clear message', async () => {
    const old = await renewSupport(3);
    await renewSupport(1);
    const superseded = await startCheckout(alex, old.id, { renewAutomatically: false });
    expect(superseded.response.status).toBe(409);
    expect(superseded.error?.message).toMatch(/newer quote replaced this one/);

    const fresh = await renewSupport(2);
    ctx.clock.set('2026-12-08T00:00:00.000Z');
    alex = await ctx.signedIn('alex@northwind.example'); // the session lapsed meanwhile
    const expired = await startCheckout(alex, fresh.id, { renewAutomatically: false });
    expect(expired.response.status).toBe(422);
    expect(expired.error?.code).toBe('rule_violated');
    expect(expired.error?.message).toMatch(/expired/);
    expect(await count(ctx, 'checkout_sessions')).toBe(0);
  });

  it('validates the options', async () => {
    const quote = await renewSupport();
    const bad = await startCheckout(alex, quote.id, { renewAutomatically: 'yes' });
    expect(bad.response.status).toBe(400);
  });

  it('refuses an unauthenticated request', async () => {
    const quote = await renewSupport();
    const anonymous = ctx.client();
    expect((await anonymous.post(`/api/quotes/${quote.id}/checkout`, {})).status).toBe(401);
  });
});

describe('the success page’s view of a checkout', () => {
  it('is open before payment, fulfilled after, and hidden from other accounts', async () => {
    const quote = await renewSupport();
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    const before = await alex.get(`/api/checkout/sessions/${checkout.sessionId}`);
    expect(((await before.json()) as { checkout: { state: string } }).checkout.state).toBe('open');

    // Webhooks held back: the status read converges on its own from Stripe.
    ctx.emulator.setWebhookEndpoints([]);
    await pay(ctx, checkout.sessionId);
    const after = (await (await alex.get(`/api/checkout/sessions/${checkout.sessionId}`)).json()) as {
      checkout: {
        state: string;
        subscription: { termEnd: string; lastDay: string };
        invoice: { number: string };
      };
    };
    expect(after.checkout).toMatchObject({
      state: 'fulfilled',
      subscription: { termEnd: '2029-12-14', lastDay: '2029-12-13' },
      invoice: { number: 'INV-2026-000001' },
    });
    const morgan = await ctx.signedIn('morgan@northwind.example');
    expect((await morgan.get(`/api/checkout/sessions/${checkout.sessionId}`)).status).toBe(200);
    const liWei = await ctx.signedIn('li.wei@harbor.example');
    expect((await liWei.get(`/api/checkout/sessions/${checkout.sessionId}`)).status).toBe(404);
  });
});
