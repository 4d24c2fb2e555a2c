// One regression test per case of issue 10 in items 1–4 (notices derived, consent, price, the customer told),
// each named after the case as the issue reported it.

import { afterEach, describe, expect, it } from 'vitest';
import {
  autoRenewState,
  intentsOf,
  noticesOf,
  outbox,
  renewalOf,
  runAt,
  SALES,
  saveCard,
  stripeCustomerOf,
  turnOn,
} from '../../testing/auto-renew.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
afterEach(async () => {
  await ctx.dispose();
});

async function withAutoRenew() {
  ctx = await createTestContext();
  const alex = await ctx.signedIn('alex@northwind.example');
  await saveCard(ctx, alex, SALES);
  await turnOn(alex, SALES, 1);
  return alex;
}

describe('issue 10 regressions', () => {
  it('turning auto-renew off and on again in the same term: the notices are still sent before the charge', async () => {
    const alex = await withAutoRenew();
    expect((await alex.put(`/api/subscriptions/${SALES}/auto-renew`, { enabled: false })).status).toBe(200);
    await turnOn(alex, SALES, 1);
    expect((await runAt(ctx, '2026-12-27T03:00:00.000Z')).stats.notices_sent).toBe(1);
    expect((await runAt(ctx, '2027-01-19T03:00:00.000Z')).stats.notices_sent).toBe(1);
    const charged = await runAt(ctx, '2027-01-26T03:00:00.000Z');
    expect(charged.stats.charges_succeeded).toBe(1);
    const kinds = (await noticesOf(ctx, SALES)).map((n) => n.kind);
    expect(kinds).toEqual(['consent', 'consent', 'advance', 'final']);
  });

  it('the seeded California subscription has its consent on record', async () => {
    ctx = await createTestContext();
    const consent = await ctx.db
      .selectFrom('auto_renew_consents')
      .selectAll()
      .where('subscription_id', '=', 'sub_nw_platform')
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ action: 'enabled', term_years: 1, currency: 'USD', user_id: 'usr_alex' });
    expect(consent.amount_minor).toBeGreaterThan(0);
    expect(consent.terms_text).toContain('renews automatically');
    expect(consent.ip).not.toBeNull();
    expect(consent.user_agent).not.toBeNull();
  });

  it('no automatic charge without consent: auto-renew on with no consent record is held and the customer told', async () => {
    await withAutoRenew();
    await ctx.db.deleteFrom('auto_renew_consents').where('subscription_id', '=', SALES).execute();
    await runAt(ctx, '2026-12-27T03:00:00.000Z');
    const charged = await runAt(ctx, '2027-01-26T03:00:00.000Z');
    expect(charged.stats.charges_succeeded ?? 0).toBe(0);
    expect(await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'))).toHaveLength(0);
    expect((await renewalOf(ctx, SALES)).last_error_code).toBe('held_no_consent');
    const held = await outbox(ctx, { template: 'auto_renew_held', to: 'alex@northwind.example' });
    expect(held).toHaveLength(1);
    expect(held[0]?.text_body).toContain('no record of your agreement');
  });

  it('no notice ever states an amount different from the charge that follows it (prices rise between notice and charge)', async () => {
    await withAutoRenew();
    await runAt(ctx, '2026-12-27T03:00:00.000Z');
    const prices = await ctx.db.selectFrom('plan_prices').selectAll().execute();
    for (const price of prices) {
      await ctx.db
        .updateTable('plan_prices')
        .set({ unit_amount_minor: Math.round(price.unit_amount_minor * 1.2) })
        .where('plan_id', '=', price.plan_id)
        .where('currency', '=', price.currency)
        .execute();
    }
    await runAt(ctx, '2027-01-19T03:00:00.000Z');
    await runAt(ctx, '2027-01-26T03:00:00.000Z');
    const [intent] = await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'));
    const notices = (await noticesOf(ctx, SALES)).filter((n) => n.kind !== 'consent');
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) expect(notice.amount_minor).toBe(intent?.amount);
  });

  it('a renewal set aside (seats added after the notice) is told to the customer, in their language, once', async () => {
    await withAutoRenew();
    await ctx.db
      .updateTable('accounts')
      .set({ locale: 'zh-CN' })
      .where('id', '=', 'acct_northwind')
      .execute();
    await runAt(ctx, '2026-12-27T03:00:00.000Z');
    await ctx.db.updateTable('subscriptions').set({ seats: 50 }).where('id', '=', SALES).execute();
    await runAt(ctx, '2026-12-28T03:00:00.000Z');
    await runAt(ctx, '2026-12-29T03:00:00.000Z');
    const held = await outbox(ctx, { template: 'auto_renew_held' });
    expect(held.map((e) => e.to_address).sort()).toEqual(['alex@northwind.example', 'ap@northwind.example']);
    expect(held[0]?.subject).toContain('不会按通知自动续订');
    expect(held[0]?.text_body).toContain('续订金额已高于您同意的金额');
    expect(held[0]?.text_body).toContain('/subscriptions/sub_nw_sales/auto-renew');
    expect(await outbox(ctx, { template: 'ops_alert', to: 'ops@vendor.example' })).toHaveLength(1);
    expect(await renewalOf(ctx, SALES)).toMatchObject({ last_error_code: 'held_above_consented_amount' });
    const charged = await runAt(ctx, '2027-01-26T03:00:00.000Z');
    expect(charged.stats.charges_succeeded ?? 0).toBe(0);
  });

  it('a renewal held for a new amount resumes when the admin agrees to it on the page, and is charged that amount', async () => {
    await withAutoRenew();
    await runAt(ctx, '2026-12-27T03:00:00.000Z');
    await ctx.db.updateTable('subscriptions').set({ seats: 50 }).where('id', '=', SALES).execute();
    await runAt(ctx, '2026-12-28T03:00:00.000Z');
    expect(await renewalOf(ctx, SALES)).toMatchObject({ last_error_code: 'held_above_consented_amount' });
    // The e-mail asks the customer to review the new amount and agree to it: the page's terms, agreed.
    const alex = await ctx.signedIn('alex@northwind.example');
    const { option } = await turnOn(alex, SALES, 1);
    const consents = await ctx.db
      .selectFrom('auto_renew_consents')
      .selectAll()
      .where('subscription_id', '=', SALES)
      .orderBy('at')
      .execute();
    expect(consents.at(-1)).toMatchObject({
      amount_minor: option.amount.amountMinor,
      terms_hash: option.terms?.hash,
    });
    // Agreeing to the same terms again records nothing more.
    await turnOn(alex, SALES, 1);
    expect(
      await ctx.db
        .selectFrom('auto_renew_consents')
        .selectAll()
        .where('subscription_id', '=', SALES)
        .execute(),
    ).toHaveLength(consents.length);
    for (let day = 29; day <= 31; day++) await runAt(ctx, `2026-12-${day}T03:00:00.000Z`);
    for (let day = 1; day <= 31; day++) {
      await runAt(ctx, `2027-01-${String(day).padStart(2, '0')}T03:00:00.000Z`);
    }
    const intents = await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'));
    expect(intents.filter((i) => i.status === 'succeeded').map((i) => i.amount)).toEqual([
      option.amount.amountMinor,
    ]);
  });

  it('moving the billing address to Germany re-derives the notices, counted in calendar months', async () => {
    const alex = await withAutoRenew();
    await ctx.db
      .updateTable('accounts')
      .set({ country: 'DE', region: 'BY' })
      .where('id', '=', 'acct_northwind')
      .execute();
    const state = await autoRenewState(alex, SALES);
    expect(state.policy.id).toBe('de');
    // One month before 26 January is 26 December (31 days), not 30 days.
    expect(state.renewal?.notices.filter((n) => n.status === 'planned').map((n) => [n.kind, n.date])).toEqual(
      [
        ['advance', '2026-12-26'],
        ['final', '2027-01-19'],
      ],
    );
    expect((await runAt(ctx, '2026-12-26T03:00:00.000Z')).stats.notices_sent).toBe(1);
  });
});

describe('consumer accounts (issue 10 item 8, in part)', () => {
  it('accounts are business by default, marked consumer in billing details (audited); German consumers renew for a year at most', async () => {
    const alex = await withAutoRenew();
    const before = (await (await alex.get('/api/account/billing')).json()) as {
      billing: { customerType: string };
    };
    expect(before.billing.customerType).toBe('business');
    const details = {
      legalName: 'Northwind Traders GmbH',
      addressLine1: 'Hauptstraße 1',
      city: 'München',
      postalCode: '80331',
      region: 'BY',
      country: 'DE',
      billingEmail: 'ap@northwind.example',
      customerType: 'consumer',
    };
    const saved = await alex.put('/api/account/billing', details);
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(((await saved.json()) as { billing: { customerType: string } }).billing.customerType).toBe(
      'consumer',
    );
    const audit = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'account.billing_details_updated')
      .executeTakeFirstOrThrow();
    expect(audit.after_json).toContain('"customerType":"consumer"');
    const state = await autoRenewState(alex, SALES);
    expect(state.options.map((o) => o.termYears)).toEqual([1]);
    const longer = await alex.put(`/api/subscriptions/${SALES}/auto-renew`, {
      enabled: true,
      termYears: 3,
      consent: { termsHash: 'a'.repeat(32), accepted: true },
    });
    expect(longer.status).toBe(422);
  });
});
