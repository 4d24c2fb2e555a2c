// Turning auto-renew on and off: a saved card through the setup-mode Checkout, the terms with their hash, the
// consent kept word for word, the quote honoured, the notices planned, the confirmations by e-mail, the
// one-click link, muting reminders, and who may do what.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autoRenewState,
  noticesOf,
  optOutTokenIn,
  outbox,
  renewalOf,
  SALES,
  saveCard,
  turnOn,
} from '../../testing/auto-renew.ts';
import { createTestContext, errorCode, type TestContext } from '../../testing/harness.ts';
import { makeQuote, pay, startCheckout } from '../../testing/payments.ts';
import { planQueuedRenewals } from './run.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

const ALEX = 'alex@northwind.example';

describe('turning auto-renew on', () => {
  it('shows the amount, the date, the notices and, once a card is saved, the exact terms', async () => {
    const alex = await ctx.signedIn(ALEX);
    const before = await autoRenewState(alex, SALES);
    expect(before).toMatchObject({ enabled: false, canTurnOn: true, card: null, policy: { id: 'us-ca' } });
    expect(before.options.map((o) => o.termYears)).toEqual([1, 2, 3]);
    const oneYear = before.options[0];
    expect(oneYear).toMatchObject({
      chargeDate: '2027-01-26',
      newTermStart: '2027-01-26',
      newTermEnd: '2028-01-26',
      // 45 seats × $480, less 5 % for renewing 60 or more days early.
      amount: { amountMinor: 2_052_000, currency: 'USD' },
      terms: null,
    });
    expect(oneYear?.notices.map((n) => [n.kind, n.date])).toEqual([
      ['advance', '2026-12-27'],
      ['final', '2027-01-19'],
    ]);

    const saved = await saveCard(ctx, alex, SALES);
    expect(saved).toMatchObject({ state: 'saved', card: { brand: 'visa', last4: '4242' } });
    const after = await autoRenewState(alex, SALES);
    expect(after.card).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(after.options[0]?.terms?.text).toContain('$20,520.00');
    expect(after.options[0]?.terms?.text).toContain('Visa card ending in 4242');
    expect(after.options[0]?.terms?.text).toContain('December 27, 2026, January 19, 2027');
  });

  it('needs express consent to the terms shown, and refuses terms that changed', async () => {
    const alex = await ctx.signedIn(ALEX);
    await saveCard(ctx, alex, SALES);
    const noConsent = await alex.put(`/api/subscriptions/${SALES}/auto-renew`, {
      enabled: true,
      termYears: 1,
    });
    expect(noConsent.status).toBe(422);
    expect(((await noConsent.json()) as { error: { fields: object } }).error.fields).toEqual({
      consent: 'required',
    });
    const stale = await alex.put(`/api/subscriptions/${SALES}/auto-renew`, {
      enabled: true,
      termYears: 1,
      consent: { termsHash: 'not-the-terms-shown', accepted: true },
    });
    expect(stale.status).toBe(409);
    expect((await renewalOfOrNull()).length).toBe(0);
  });

  it('records the consent, freezes the quote until the end of grace, plans the notices, confirms by e-mail', async () => {
    const alex = await ctx.signedIn(ALEX);
    await saveCard(ctx, alex, SALES);
    const { option, body } = await turnOn(alex, SALES, 1);
    expect(body.autoRenew).toMatchObject({ enabled: true, termYears: 1, canTurnOff: true });
    expect(body.autoRenew.renewal).toMatchObject({
      state: 'scheduled',
      chargeDate: '2027-01-26',
      amount: { amountMinor: 2_052_000, currency: 'USD' },
      quote: { isPayable: true },
    });

    const consent = await ctx.db
      .selectFrom('auto_renew_consents')
      .selectAll()
      .where('subscription_id', '=', SALES)
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({
      subscription_id: SALES,
      action: 'enabled',
      via: 'portal',
      user_id: 'usr_alex',
      actor_label: ALEX,
      term_years: 1,
      amount_minor: 2_052_000,
      terms_text: option.terms?.text,
      terms_hash: option.terms?.hash,
      ip: '203.0.113.10',
    });

    const renewal = await renewalOf(ctx, SALES);
    const quote = await ctx.db
      .selectFrom('quotes')
      .selectAll()
      .where('id', '=', renewal.quote_id ?? '')
      .executeTakeFirstOrThrow();
    // Honoured through the end of grace (14 days after the end), not the usual 14 days from today.
    expect(quote).toMatchObject({ total_minor: 2_052_000, expires_at: '2027-02-09T00:00:00.000Z' });
    // Sent notices are facts; what is due is derived (decision 009) and shown on the page.
    expect((await noticesOf(ctx, SALES)).map((n) => [n.kind, n.due_date, n.status])).toEqual([
      ['consent', '2026-11-23', 'sent'],
    ]);
    const page = await autoRenewState(alex, SALES);
    expect(page.renewal?.notices.map((n) => [n.kind, n.date, n.status])).toEqual([
      ['consent', '2026-11-23', 'sent'],
      ['advance', '2026-12-27', 'planned'],
      ['final', '2027-01-19', 'planned'],
    ]);
    expect(page.renewal).toMatchObject({ chargeDate: '2027-01-26', amount: { amountMinor: 2_052_000 } });
    const emails = await outbox(ctx, { template: 'auto_renew_on' });
    expect(emails.map((e) => e.to_address).sort()).toEqual([
      'alex@northwind.example',
      'ap@northwind.example',
    ]);
    expect(emails[0]?.text_body).toContain('Alex Rivera turned on auto-renew for Sales workspace.');
    expect(emails[0]?.text_body).toContain('/auto-renew/off?token=');

    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', SALES)
      .where('action', 'like', 'subscription.auto_renew%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['subscription.auto_renew_enabled']);
    const history = await ctx.db
      .selectFrom('subscription_events')
      .select('type')
      .where('subscription_id', '=', SALES)
      .execute();
    expect(history.map((h) => h.type)).toContain('auto_renew.enabled');
  });

  it('changing the term is a new consent with a new quote', async () => {
    const alex = await ctx.signedIn(ALEX);
    await saveCard(ctx, alex, SALES);
    await turnOn(alex, SALES, 1);
    const { body } = await turnOn(alex, SALES, 3);
    expect(body.autoRenew).toMatchObject({ termYears: 3, renewal: { termYears: 3 } });
    const consents = await ctx.db
      .selectFrom('auto_renew_consents')
      .select(['action', 'term_years'])
      .where('subscription_id', '=', SALES)
      .execute();
    expect(consents).toEqual([
      { action: 'enabled', term_years: 1 },
      { action: 'term_changed', term_years: 3 },
    ]);
  });

  it('is for admins only, and for the account’s own subscriptions', async () => {
    const morgan = await ctx.signedIn('morgan@northwind.example');
    expect((await morgan.get(`/api/subscriptions/${SALES}/auto-renew`)).status).toBe(200);
    const put = await morgan.put(`/api/subscriptions/${SALES}/auto-renew`, { enabled: false });
    expect(put.status).toBe(403);
    const harbor = await ctx.signedIn('li.wei@harbor.example');
    expect((await harbor.get(`/api/subscriptions/${SALES}/auto-renew`)).status).toBe(404);
    expect((await harbor.post('/api/auto-renew/card-setup', { subscriptionId: SALES })).status).toBe(404);
  });

  it('cannot be turned on for a subscription in grace or expired', async () => {
    const alex = await ctx.signedIn(ALEX);
    await saveCard(ctx, alex, SALES);
    const state = await autoRenewState(alex, 'sub_nw_warehouse');
    expect(state).toMatchObject({ canTurnOn: false, cannotTurnOnReason: 'grace', options: [] });
    const response = await alex.put('/api/subscriptions/sub_nw_warehouse/auto-renew', {
      enabled: true,
      consent: { termsHash: 'whatever-hash', accepted: true },
    });
    expect(response.status).toBe(422);
    expect(await errorCode(response)).toBe('rule_violated');
  });
});

describe('turning auto-renew on while paying', () => {
  it('keeps the consent ticked at checkout and plans the new term’s renewal', async () => {
    const alex = await ctx.signedIn(ALEX);
    const quote = await makeQuote(alex, SALES, {
      kind: 'renew',
      planCode: 'professional',
      termYears: 1,
      seats: 45,
    });
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: true });
    await pay(ctx, checkout.sessionId);
    const subscription = await ctx.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', SALES)
      .executeTakeFirstOrThrow();
    expect(subscription).toMatchObject({
      auto_renew_enabled: 1,
      auto_renew_term_years: 1,
      term_end: '2028-01-26',
    });
    const consent = await ctx.db
      .selectFrom('auto_renew_consents')
      .selectAll()
      .where('subscription_id', '=', SALES)
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({
      via: 'checkout',
      action: 'enabled',
      user_id: 'usr_alex',
      quote_id: quote.id,
    });
    expect(await renewalOf(ctx, SALES)).toMatchObject({ term_end: '2028-01-26', state: 'planning' });

    expect(await planQueuedRenewals(ctx)).toBe(1);
    expect(await renewalOf(ctx, SALES)).toMatchObject({ term_end: '2028-01-26', state: 'scheduled' });
    // Paid before the end, the running term keeps its start (2026-01-26) and now spans two years, so
    // California's annual reminder falls on its anniversary.
    const state = await autoRenewState(alex, SALES);
    expect(state.renewal?.notices.map((n) => [n.kind, n.date])).toEqual([
      ['annual_reminder', '2027-01-26'],
      ['advance', '2027-12-27'],
      ['final', '2028-01-19'],
    ]);
    expect(state).toMatchObject({
      enabled: true,
      card: { brand: 'visa', last4: '4242' },
      renewal: { state: 'scheduled' },
    });
  });
});

describe('turning auto-renew off', () => {
  it('is one click, cancels what was planned, keeps the decision, and confirms by e-mail', async () => {
    const alex = await ctx.signedIn(ALEX);
    await saveCard(ctx, alex, SALES);
    await turnOn(alex, SALES, 1);
    const response = await alex.put(`/api/subscriptions/${SALES}/auto-renew`, { enabled: false });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { subscription: { autoRenew: { enabled: boolean } } };
    expect(body.subscription.autoRenew.enabled).toBe(false);
    expect((await renewalOf(ctx, SALES)).state).toBe('cancelled');
    expect((await noticesOf(ctx, SALES)).filter((n) => n.status === 'scheduled')).toEqual([]);
    const consents = await ctx.db
      .selectFrom('auto_renew_consents')
      .select(['action', 'via'])
      .where('subscription_id', '=', SALES)
      .execute();
    expect(consents.at(-1)).toEqual({ action: 'disabled', via: 'portal' });
    const emails = await outbox(ctx, { template: 'auto_renew_off' });
    expect(emails).toHaveLength(2);
    expect(emails[0]?.subject).toBe('Auto-renew is off for Sales workspace');
  });

  it('works from the signed link in any notice, without signing in, after a confirmation page', async () => {
    const alex = await ctx.signedIn(ALEX);
    await saveCard(ctx, alex, SALES);
    await turnOn(alex, SALES, 1);
    const [confirmation] = await outbox(ctx, { template: 'auto_renew_on', to: ALEX });
    const token = optOutTokenIn(confirmation?.text_body ?? '');
    const anonymous = ctx.client();

    const info = await anonymous.get(`/api/auto-renew/opt-out?token=${encodeURIComponent(token)}`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({
      optOut: {
        subscriptionLabel: 'Sales workspace',
        accountName: 'Northwind Traders',
        isEnabled: true,
        amount: { amountMinor: 2_052_000, currency: 'USD' },
      },
    });
    // Reading the page changes nothing.
    expect((await renewalOf(ctx, SALES)).state).toBe('scheduled');

    const off = await anonymous.post('/api/auto-renew/opt-out', { token });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ optOut: { isEnabled: false } });
    const again = await anonymous.post('/api/auto-renew/opt-out', { token });
    expect(again.status).toBe(200);
    expect(await outbox(ctx, { template: 'auto_renew_off' })).toHaveLength(2);
    const consent = await ctx.db
      .selectFrom('auto_renew_consents')
      .selectAll()
      .where('action', '=', 'disabled')
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ via: 'email_link', user_id: null });

    const forged = `${token.slice(0, -2)}xx`;
    expect((await anonymous.post('/api/auto-renew/opt-out', { token: forged })).status).toBe(404);
  });

  it('the link stops working after the grace period of the term it was sent for', async () => {
    const alex = await ctx.signedIn(ALEX);
    await saveCard(ctx, alex, SALES);
    await turnOn(alex, SALES, 1);
    const [confirmation] = await outbox(ctx, { template: 'auto_renew_on', to: ALEX });
    const token = optOutTokenIn(confirmation?.text_body ?? '');
    ctx.clock.set('2027-02-10T12:00:00.000Z');
    expect(
      (await ctx.client().get(`/api/auto-renew/opt-out?token=${encodeURIComponent(token)}`)).status,
    ).toBe(404);
  });
});

describe('reminders', () => {
  it('can be muted by an admin, with an audit event', async () => {
    const alex = await ctx.signedIn(ALEX);
    const response = await alex.put('/api/auto-renew/reminders', { muted: true });
    expect(response.status).toBe(200);
    expect((await autoRenewState(alex, SALES)).remindersMuted).toBe(true);
    const morgan = await ctx.signedIn('morgan@northwind.example');
    expect((await morgan.put('/api/auto-renew/reminders', { muted: false })).status).toBe(403);
  });
});

async function renewalOfOrNull() {
  return ctx.db.selectFrom('auto_renewals').selectAll().execute();
}
