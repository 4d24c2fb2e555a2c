// Issue 10 item 2: consent given by ticking "renew automatically next time" at checkout records the same facts
// as the auto-renew page (terms text, amount, currency, who, when, IP, user agent), captured when the checkout
// starts and kept by the portal, and sends the same acknowledgement with the one-click turn-off link.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../testing/auto-renew.ts';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import { checkoutTerms, makeQuote, pay, SUPPORT, startCheckout } from '../../testing/payments.ts';

let ctx: TestContext;
let alex: TestClient;
beforeEach(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
});
afterEach(async () => {
  await ctx.dispose();
});

const renewSupport = () =>
  makeQuote(alex, SUPPORT, { kind: 'renew', planCode: 'starter', termYears: 3, seats: 25 });

async function consentsOf(subscriptionId: string) {
  return ctx.db
    .selectFrom('auto_renew_consents')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('at')
    .execute();
}

describe('consent given at checkout (issue 10 item 2)', () => {
  it('ticking renew automatically at checkout records consent with amount, address and agent and sends the acknowledgement', async () => {
    const quote = await renewSupport();
    const terms = await checkoutTerms(alex, quote.id);
    if (!terms) throw new Error('the form shows no terms');
    // What the form shows under the checkbox: the amount, the term, and how to turn it off.
    expect(terms).toMatchObject({ termYears: 3, amount: { currency: 'USD' } });
    expect(terms.amount.amountMinor).toBeGreaterThan(0);
    expect(terms.text).toContain('renews automatically for 3 years');
    expect(terms.text).toContain('one-click link');
    const before = (await consentsOf(SUPPORT)).length;

    alex.ip = '198.51.100.7';
    const started = await alex.request(`/api/quotes/${quote.id}/checkout`, {
      method: 'POST',
      json: { renewAutomatically: true, consentTermsHash: terms.hash },
      headers: { 'user-agent': 'Mozilla/5.0 (consent test)' },
    });
    expect(started.status).toBe(201);
    const { checkout } = (await started.json()) as { checkout: { sessionId: string } };
    // Another address and agent later (the webhook, the success page) change nothing of what was given.
    alex.ip = '192.0.2.99';
    const outcome = await pay(ctx, checkout.sessionId);
    expect(outcome.status).toBe('complete');
    const intent = await ctx.stripe.client.paymentIntents.retrieve(String(outcome.payment_intent));

    const consents = await consentsOf(SUPPORT);
    expect(consents).toHaveLength(before + 1);
    const consent = consents.at(-1);
    const user = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'alex@northwind.example')
      .executeTakeFirstOrThrow();
    const subscription = await ctx.db
      .selectFrom('subscriptions')
      .select(['term_end', 'auto_renew_enabled', 'auto_renew_term_years'])
      .where('id', '=', SUPPORT)
      .executeTakeFirstOrThrow();
    expect(subscription).toMatchObject({ auto_renew_enabled: 1, auto_renew_term_years: 3 });
    expect(consent).toMatchObject({
      action: 'enabled',
      via: 'checkout',
      user_id: user.id,
      actor_label: 'alex@northwind.example',
      term_years: 3,
      amount_minor: terms.amount.amountMinor,
      currency: 'USD',
      quote_id: quote.id,
      terms_text: terms.text,
      terms_hash: terms.hash,
      locale: 'en',
      payment_method_id: intent.payment_method,
      ip: '198.51.100.7',
      user_agent: 'Mozilla/5.0 (consent test)',
      term_end: subscription.term_end,
    });
    expect(Date.parse(consent?.at ?? '')).not.toBeNaN();

    // The same acknowledgement as the auto-renew page's, to the admins and the billing address.
    const emails = await outbox(ctx, { template: 'auto_renew_on' });
    expect(emails.map((e) => e.to_address).sort()).toEqual([
      'alex@northwind.example',
      'ap@northwind.example',
    ]);
    expect(emails[0]?.text_body).toContain('Alex Rivera turned on auto-renew for');
    const token = /auto-renew\/off\?token=([^\s&]+)/.exec(emails[0]?.text_body ?? '')?.[1];
    expect(token).toBeTruthy();
    // Its one-click link turns it off, without signing in.
    const off = await ctx
      .client()
      .post('/api/auto-renew/opt-out', { token: decodeURIComponent(token ?? '') });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ optOut: { isEnabled: false } });
  });

  it('shows the terms in the admin’s language, never to another account (404)', async () => {
    const liWei = await ctx.signedIn('li.wei@harbor.example');
    const quote = await makeQuote(liWei, 'sub_hb_fleet', {
      kind: 'renew',
      planCode: 'professional',
      termYears: 1,
      seats: 80,
    });
    const terms = await checkoutTerms(liWei, quote.id);
    expect(terms).toMatchObject({ termYears: 1, amount: { currency: 'CNY' } });
    expect(terms?.text).toContain('自动续订「车队调度平台」');
    expect(terms?.text).toContain('一键链接关闭自动续订');
    // Another account's quote answers 404.
    expect((await alex.get(`/api/quotes/${quote.id}/checkout-terms`)).status).toBe(404);
  });

  it('offers a German or French consumer paying for 3 years automatic terms of one year only', async () => {
    await ctx.db
      .updateTable('accounts')
      .set({ country: 'DE', region: 'BY', customer_type: 'consumer' })
      .where('id', '=', 'acct_northwind')
      .execute();
    const quote = await renewSupport();
    const terms = await checkoutTerms(alex, quote.id);
    expect(terms).toMatchObject({ termYears: 1 });
    expect(terms?.text).toContain('renews automatically for 1 year');
  });

  it('refuses terms other than the ones rebuilt now (409), before any session is made', async () => {
    const quote = await renewSupport();
    const { response, error } = await startCheckout(alex, quote.id, {
      renewAutomatically: true,
      consentTermsHash: 'not-what-the-form-showed',
    });
    expect(response.status).toBe(409);
    expect(error?.code).toBe('conflict');
    const sessions = await ctx.db
      .selectFrom('checkout_sessions')
      .select('id')
      .where('quote_id', '=', quote.id)
      .execute();
    expect(sessions).toHaveLength(0);
  });
});
