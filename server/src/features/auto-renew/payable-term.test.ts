// The automatic charge under the one-payable-attempt rule (issue 10 items 5 and 6, decision 010): the
// "finish the payment" Checkout Session of an authentication-required charge stops being payable when the
// automatic retry succeeds (it was paid twice before), a checkout is refused while the automatic charge holds
// the term, and turning auto-renew off withdraws its frozen quote and expires its open session at Stripe.

import { afterEach, describe, expect, it } from 'vitest';
import {
  intentsOf,
  renewalOf,
  runAt,
  SALES,
  saveCard,
  stripeCustomerOf,
  turnOn,
} from '../../testing/auto-renew.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { pay, startCheckout } from '../../testing/payments.ts';

let ctx: TestContext;
afterEach(async () => {
  await ctx.dispose();
});

const CHARGE_DAY = '2027-01-26T03:00:00.000Z';

async function toRequiresAction() {
  ctx = await createTestContext();
  const alex = await ctx.signedIn('alex@northwind.example');
  await saveCard(ctx, alex, SALES, { card_number: '4000002760003184', three_d_secure: 'approve' });
  await turnOn(alex, SALES, 1);
  await runAt(ctx, '2026-12-27T03:00:00.000Z');
  await runAt(ctx, '2027-01-19T03:00:00.000Z');
  await runAt(ctx, CHARGE_DAY);
  const renewal = await renewalOf(ctx, SALES);
  expect(renewal.state).toBe('requires_action');
  return { renewal, alex: await ctx.signedIn('alex@northwind.example') };
}

describe('an "action required" checkout and the automatic retry', () => {
  it('the checkout opened from the e-mail is expired at Stripe before the retry charges, so it cannot pay twice', async () => {
    const { renewal, alex } = await toRequiresAction();
    // The customer opens the link and starts paying on-session, then leaves the page.
    const { checkout } = await startCheckout(alex, renewal.quote_id ?? '');
    // Meanwhile a card that needs no authentication is saved: the retry is brought forward to today.
    await saveCard(ctx, alex, SALES, { card_number: '4242424242424242' });
    const retry = await runAt(ctx, '2027-01-26T10:00:00.000Z');
    expect(retry.stats.charges_succeeded).toBe(1);

    const session = await ctx.stripe.client.checkout.sessions.retrieve(checkout.sessionId);
    expect(session.status).toBe('expired');
    await expect(pay(ctx, checkout.sessionId)).rejects.toThrow(/no longer active/);
    const intents = await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'));
    expect(intents.filter((i) => i.status === 'succeeded')).toHaveLength(1);
    const subscription = await ctx.db
      .selectFrom('subscriptions')
      .select('term_end')
      .where('id', '=', SALES)
      .executeTakeFirstOrThrow();
    expect(subscription.term_end).toBe('2028-01-26');
    const open = await ctx.db
      .selectFrom('payable_attempts')
      .selectAll()
      .where('state', '!=', 'closed')
      .execute();
    expect(open).toEqual([]);
  });

  it('a checkout paid before the retry wins: the retry charges nothing', async () => {
    const { renewal, alex } = await toRequiresAction();
    const { checkout } = await startCheckout(alex, renewal.quote_id ?? '');
    await pay(ctx, checkout.sessionId, { card_number: '4000002760003184', three_d_secure: 'approve' });
    const retry = await runAt(ctx, '2027-01-29T03:00:00.000Z');
    expect(retry.stats.charges_succeeded ?? 0).toBe(0);
    const intents = await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'));
    expect(intents.filter((i) => i.status === 'succeeded')).toHaveLength(1);
  });
});

describe('turning auto-renew off', () => {
  it('withdraws its frozen quote and expires its open checkout at Stripe', async () => {
    const { renewal, alex } = await toRequiresAction();
    const { checkout } = await startCheckout(alex, renewal.quote_id ?? '');
    const off = await alex.put(`/api/subscriptions/${SALES}/auto-renew`, { enabled: false });
    expect(off.status, await off.clone().text()).toBe(200);
    expect((await ctx.stripe.client.checkout.sessions.retrieve(checkout.sessionId)).status).toBe('expired');
    const quote = await alex.get(`/api/quotes/${renewal.quote_id}`);
    const body = (await quote.json()) as { quote: { status: string; isPayable: boolean } };
    expect(body.quote).toMatchObject({ status: 'expired', isPayable: false });
    const again = await startCheckout(alex, renewal.quote_id ?? '');
    expect(again.response.status).toBe(422);
    const withdrawn = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'quote.withdrawn')
      .execute();
    expect(withdrawn).toHaveLength(1);
  });
});
