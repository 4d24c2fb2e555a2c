// The automatic charge through the Stripe emulator and the payments feature's fulfilment: success (the same
// path as a checkout: payment, invoice, receipt, the next term planned), never without the last notice, once
// whatever crashes or runs twice, authentication required (finished on-session), a decline and its dunning,
// rate limits retried, and the price honoured when prices rise.

import { afterEach, describe, expect, it } from 'vitest';
import {
  autoRenewState,
  intentsOf,
  outbox,
  renewalOf,
  runAt,
  SALES,
  saveCard,
  stripeCustomerOf,
  turnOn,
} from '../../testing/auto-renew.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { pay, startCheckout } from '../../testing/payments.ts';
import { type ChargeFn, stripeCharge } from './charge.ts';
import { runRenewals } from './run.ts';

let ctx: TestContext;
afterEach(async () => {
  await ctx.dispose();
});

const CHARGE_DAY = '2027-01-26T03:00:00.000Z';

async function setUp(card: { card_number?: string; three_d_secure?: 'approve' | 'fail' } = {}) {
  ctx = await createTestContext();
  const alex = await ctx.signedIn('alex@northwind.example');
  await saveCard(ctx, alex, SALES, card);
  await turnOn(alex, SALES, 1);
  return alex;
}

/** The advance notice (30 days before, California) and the final one (7 days before) on their days. */
async function sendNotices() {
  await runAt(ctx, '2026-12-27T03:00:00.000Z');
  await runAt(ctx, '2027-01-19T03:00:00.000Z');
}

async function subscription() {
  return ctx.db.selectFrom('subscriptions').selectAll().where('id', '=', SALES).executeTakeFirstOrThrow();
}

describe('the automatic charge', () => {
  it('charges off-session once with the term’s idempotency key and fulfils like a checkout payment', async () => {
    await setUp();
    await sendNotices();
    const report = await runAt(ctx, CHARGE_DAY);
    expect(report.stats.charges_succeeded).toBe(1);

    const customer = await stripeCustomerOf(ctx, 'acct_northwind');
    const intents = await intentsOf(ctx, customer);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({
      status: 'succeeded',
      amount: 2_052_000,
      currency: 'usd',
      metadata: { subscription_id: SALES, charge_key: 'charge:sub_nw_sales:2027-01-26' },
    });
    expect(await subscription()).toMatchObject({ term_end: '2028-01-26' });
    const invoices = await ctx.db
      .selectFrom('invoices')
      .selectAll()
      .where('subscription_id', '=', SALES)
      .execute();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]?.total_minor).toBe(2_052_000);
    expect(await outbox(ctx, { template: 'payment_receipt' })).toHaveLength(1);

    const done = await ctx.db
      .selectFrom('auto_renewals')
      .selectAll()
      .where('subscription_id', '=', SALES)
      .where('term_end', '=', '2027-01-26')
      .executeTakeFirstOrThrow();
    expect(done).toMatchObject({ state: 'succeeded', attempts: 1, due_date: null });
    // The next term is planned at once: a new quote, notices 30 and 7 days before 2028-01-26.
    const next = await renewalOf(ctx, SALES);
    expect(next).toMatchObject({ term_end: '2028-01-26', state: 'scheduled', due_date: '2028-01-26' });
    const history = await ctx.db
      .selectFrom('subscription_events')
      .select('type')
      .where('subscription_id', '=', SALES)
      .execute();
    expect(history.map((h) => h.type)).toEqual(expect.arrayContaining(['auto_renew.charged', 'renewed']));

    // The same day again, and the webhooks of the charge: nothing more.
    const again = await runAt(ctx, '2027-01-26T09:00:00.000Z');
    expect(again.stats.charges_succeeded ?? 0).toBe(0);
    expect(await intentsOf(ctx, customer)).toHaveLength(1);
    expect(
      await ctx.db.selectFrom('invoices').selectAll().where('subscription_id', '=', SALES).execute(),
    ).toHaveLength(1);
  });

  it('never charges when the last notice was not sent: it sends it, holds the charge back and tells ops', async () => {
    await setUp();
    await runAt(ctx, '2026-12-27T03:00:00.000Z');
    // No run on the final notice's day: on the charge day it goes out late, and the charge waits 7 days.
    const report = await runAt(ctx, CHARGE_DAY);
    expect(report.stats).toMatchObject({ notices_sent: 1 });
    expect(await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'))).toHaveLength(0);
    expect(await renewalOf(ctx, SALES)).toMatchObject({
      state: 'deferred',
      deferred_until: '2027-02-02',
      due_date: '2027-02-02',
      last_error_code: 'notice_lead_time',
    });
    const alerts = await outbox(ctx, { template: 'ops_alert', to: 'ops@vendor.example' });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.subject).toContain('Automatic charge held back: Northwind Traders — Sales workspace');
    const alex = await ctx.signedIn('alex@northwind.example');
    expect((await autoRenewState(alex, SALES)).renewal).toMatchObject({
      state: 'deferred',
      deferredUntil: '2027-02-02',
    });

    // A week later (in grace) it is charged, and the renewal still starts at the old end: no lost days.
    await runAt(ctx, '2027-01-30T03:00:00.000Z');
    expect(await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'))).toHaveLength(0);
    const later = await runAt(ctx, '2027-02-02T03:00:00.000Z');
    expect(later.stats.charges_succeeded).toBe(1);
    expect(await subscription()).toMatchObject({ term_end: '2028-01-26' });
    expect(await outbox(ctx, { template: 'ops_alert' })).toHaveLength(1);
  });

  it('a run killed after recording the charge charges once when run again, and holds off "turn off" meanwhile', async () => {
    await setUp();
    await sendNotices();
    const crash = {
      afterClaim: (key: string) => {
        if (key.startsWith('charge:')) throw new Error('killed');
      },
    };
    const crashed = await runAt(ctx, CHARGE_DAY, { hooks: crash });
    expect(crashed.stats.errors).toBe(1);
    expect((await renewalOf(ctx, SALES)).state).toBe('charging');
    const alex = await ctx.signedIn('alex@northwind.example');
    const off = await alex.put(`/api/subscriptions/${SALES}/auto-renew`, { enabled: false });
    expect(off.status).toBe(409);

    expect((await runAt(ctx, '2027-01-26T03:05:00.000Z')).stats.busy).toBe(1);
    const resumed = await runAt(ctx, '2027-01-26T03:20:00.000Z');
    expect(resumed.stats).toMatchObject({ resumed: 1, charges_succeeded: 1 });
    const intents = await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'));
    expect(intents.filter((i) => i.status === 'succeeded')).toHaveLength(1);
  });

  it('a crash after Stripe charged and before it was recorded: the next run finds that charge, never a second', async () => {
    await setUp();
    await sendNotices();
    const real = stripeCharge(ctx.stripe.client);
    let calls = 0;
    const crashAfterCharge: ChargeFn = async (request) => {
      calls++;
      await real(request);
      throw new Error('connection lost after the charge');
    };
    const first = await runAt(ctx, CHARGE_DAY, { charge: crashAfterCharge });
    expect(first.stats.charges_interrupted).toBe(1);
    expect(await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'))).toHaveLength(1);

    const second = await runAt(ctx, '2027-01-26T04:00:00.000Z');
    expect(second.stats).toMatchObject({ resumed: 1, charges_succeeded: 1 });
    expect(calls).toBe(1);
    const intents = await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'));
    expect(intents).toHaveLength(1);
    expect(
      await ctx.db.selectFrom('invoices').selectAll().where('subscription_id', '=', SALES).execute(),
    ).toHaveLength(1);
  });

  it('three runners at once charge once', async () => {
    await setUp();
    await sendNotices();
    ctx.clock.set(CHARGE_DAY);
    const reports = await Promise.all([1, 2, 3].map(() => runRenewals(ctx, { trigger: 'test' })));
    await ctx.emulator.settleWebhooks();
    expect(reports.reduce((n, r) => n + (r.stats.charges_succeeded ?? 0), 0)).toBe(1);
    expect(await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'))).toHaveLength(1);
    expect(await subscription()).toMatchObject({ term_end: '2028-01-26' });
  });

  it('retries a rate-limited (429) charge with backoff', async () => {
    await setUp();
    await sendNotices();
    const real = stripeCharge(ctx.stripe.client);
    let limited = 2;
    const busyStripe: ChargeFn = async (request) => {
      if (limited-- > 0) throw Object.assign(new Error('Too many requests'), { statusCode: 429 });
      return real(request);
    };
    const report = await runAt(ctx, CHARGE_DAY, { charge: busyStripe });
    expect(report.stats).toMatchObject({ rate_limited_retries: 2, charges_succeeded: 1 });
  });

  it('honours the agreed price when prices rise before the charge', async () => {
    await setUp();
    const ops = await ctx.signedIn('ops@vendor.example');
    const raised = await ops.put('/api/ops/catalog/plans/professional/prices', {
      prices: [{ currency: 'USD', amount: '600.00' }],
    });
    expect(raised.status).toBe(200);
    await sendNotices();
    await runAt(ctx, CHARGE_DAY);
    const [intent] = await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'));
    expect(intent).toMatchObject({ status: 'succeeded', amount: 2_052_000 });
  });
});

describe('when the bank asks for authentication', () => {
  it('e-mails a link to finish in the portal, where the same quote is paid on-session', async () => {
    await setUp({ card_number: '4000002760003184', three_d_secure: 'approve' });
    await sendNotices();
    const report = await runAt(ctx, CHARGE_DAY);
    expect(report.stats.charges_requiring_action).toBe(1);
    const renewal = await renewalOf(ctx, SALES);
    expect(renewal).toMatchObject({
      state: 'requires_action',
      attempts: 1,
      last_error_code: 'authentication_required',
      due_date: '2027-01-29',
    });
    const [email] = await outbox(ctx, {
      template: 'auto_renew_action_required',
      to: 'alex@northwind.example',
    });
    expect(email?.subject).toBe('Action needed: confirm the renewal payment for Sales workspace');
    expect(email?.text_body).toContain(`http://portal.test/quotes/${renewal.quote_id}`);
    expect((await subscription()).term_end).toBe('2027-01-26');

    // The customer pays the same quote on-session, confirming with the bank.
    const alex = await ctx.signedIn('alex@northwind.example');
    const { checkout } = await startCheckout(alex, renewal.quote_id ?? '');
    await pay(ctx, checkout.sessionId, { card_number: '4000002760003184', three_d_secure: 'approve' });
    expect(await subscription()).toMatchObject({ term_end: '2028-01-26' });
    // Paying ended this term's automatic renewal and queued the next term's, which the next run plans.
    const old = await ctx.db
      .selectFrom('auto_renewals')
      .selectAll()
      .where('id', '=', renewal.id)
      .executeTakeFirstOrThrow();
    expect(old).toMatchObject({ state: 'superseded', due_date: null });
    expect(await renewalOf(ctx, SALES)).toMatchObject({ term_end: '2028-01-26', state: 'planning' });
    const next = await runAt(ctx, '2027-01-29T03:00:00.000Z');
    expect(next.stats.planned).toBe(1);
    expect(await renewalOf(ctx, SALES)).toMatchObject({ term_end: '2028-01-26', state: 'scheduled' });
    expect(await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'))).toHaveLength(2);
  });
});

describe('a declined card', () => {
  it('is retried on days 0, 3 and 7, the customer told each time, then the renewal lapses at the end of grace', async () => {
    await setUp({ card_number: '4000000000000341' });
    await sendNotices();
    const day0 = await runAt(ctx, CHARGE_DAY);
    expect(day0.stats.charges_declined).toBe(1);
    expect(await renewalOf(ctx, SALES)).toMatchObject({
      state: 'retrying',
      attempts: 1,
      due_date: '2027-01-29',
    });
    const [first] = await outbox(ctx, {
      template: 'auto_renew_payment_failed',
      to: 'alex@northwind.example',
    });
    expect(first?.text_body).toContain('We will try again on January 29, 2027.');

    await runAt(ctx, '2027-01-28T03:00:00.000Z');
    expect((await renewalOf(ctx, SALES)).attempts).toBe(1);
    await runAt(ctx, '2027-01-29T03:00:00.000Z');
    expect(await renewalOf(ctx, SALES)).toMatchObject({
      state: 'retrying',
      attempts: 2,
      due_date: '2027-02-02',
    });
    await runAt(ctx, '2027-02-02T03:00:00.000Z');
    expect(await renewalOf(ctx, SALES)).toMatchObject({
      state: 'failed',
      attempts: 3,
      due_date: '2027-02-09',
    });
    const failures = await outbox(ctx, {
      template: 'auto_renew_payment_failed',
      to: 'alex@northwind.example',
    });
    expect(failures).toHaveLength(3);
    expect(failures[2]?.text_body).toContain('This was our last attempt.');
    expect(failures[2]?.text_body).toContain('until February 8, 2027');

    await runAt(ctx, '2027-02-09T03:00:00.000Z');
    expect((await renewalOf(ctx, SALES)).state).toBe('expired');
    expect(await outbox(ctx, { template: 'auto_renew_expired', to: 'alex@northwind.example' })).toHaveLength(
      1,
    );
    const intents = await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'));
    expect(intents).toHaveLength(3);
    expect(intents.every((i) => i.status !== 'succeeded')).toBe(true);
    expect(new Set(intents.map((i) => i.metadata?.charge_key))).toEqual(
      new Set([
        'charge:sub_nw_sales:2027-01-26',
        'charge:sub_nw_sales:2027-01-26:2',
        'charge:sub_nw_sales:2027-01-26:3',
      ]),
    );
    const history = await ctx.db
      .selectFrom('subscription_events')
      .select('type')
      .where('subscription_id', '=', SALES)
      .where('type', 'like', 'auto_renew.%')
      .execute();
    expect(history.filter((h) => h.type === 'auto_renew.charge_declined')).toHaveLength(3);
    expect(history.map((h) => h.type)).toContain('auto_renew.expired');
  });

  it('is retried at once when the customer saves another card', async () => {
    await setUp({ card_number: '4000000000000341' });
    await sendNotices();
    await runAt(ctx, CHARGE_DAY);
    const alex = await ctx.signedIn('alex@northwind.example');
    await saveCard(ctx, alex, SALES, { card_number: '4242424242424242' });
    expect((await renewalOf(ctx, SALES)).due_date).toBe('2027-01-26');
    const retry = await runAt(ctx, '2027-01-26T10:00:00.000Z');
    expect(retry.stats.charges_succeeded).toBe(1);
    expect(await subscription()).toMatchObject({ term_end: '2028-01-26' });
  });
});
