// Contract changes take effect when paid for (issue 10 item 6, decision 010): an early renewal with more seats
// does not give the seats in the running term; it is a scheduled next term, shown as such by the API, which
// becomes the running contract on its first day (audited). While it waits, upgrades and added seats (priced on
// the running term alone, which would misstate the value actually paid) are not offered.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import { makeQuote, pay, SUPPORT, startCheckout, subscriptionRow } from '../../testing/payments.ts';
import { sweepCheckouts } from '../payments/sweep.ts';

let ctx: TestContext;
let alex: TestClient;
beforeEach(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
});
afterEach(async () => {
  await ctx.dispose();
});

async function renewEarlyWithMoreSeats() {
  const quote = await makeQuote(alex, SUPPORT, {
    kind: 'renew',
    planCode: 'starter',
    termYears: 1,
    seats: 30,
  });
  const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
  await pay(ctx, checkout.sessionId);
  return quote;
}

async function detail(client: TestClient = alex) {
  const response = await client.get(`/api/subscriptions/${SUPPORT}`);
  expect(response.status).toBe(200);
  return (
    (await response.json()) as {
      subscription: import('@portal/shared/schemas/subscriptions').TSubscriptionDetail;
    }
  ).subscription;
}

describe('a renewal paid ahead of its term', () => {
  it('keeps the running term’s seats and price, and shows the next term with its own', async () => {
    const before = await subscriptionRow(ctx, SUPPORT);
    await renewEarlyWithMoreSeats();
    const row = await subscriptionRow(ctx, SUPPORT);
    expect(row).toMatchObject({
      seats: before.seats,
      unit_price_minor: before.unit_price_minor,
      term_start: before.term_start,
      term_end: '2027-12-14',
    });
    const subscription = await detail();
    expect(subscription).toMatchObject({
      seats: before.seats,
      status: 'active',
      nextTerm: {
        termStart: '2026-12-14',
        termEnd: '2027-12-14',
        lastDay: '2027-12-13',
        plan: { code: 'starter' },
        seats: 30,
      },
    });
    const list = (await (await alex.get('/api/subscriptions')).json()) as {
      subscriptions: { id: string; nextTerm: unknown }[];
    };
    expect(list.subscriptions.find((s) => s.id === SUPPORT)?.nextTerm).toMatchObject({ seats: 30 });
  });

  it('becomes the running contract on its first day, audited, and no longer shows as next', async () => {
    await renewEarlyWithMoreSeats();
    ctx.clock.set('2026-12-14T09:00:00.000Z');
    alex = await ctx.signedIn('alex@northwind.example');
    await sweepCheckouts(ctx);
    expect(await subscriptionRow(ctx, SUPPORT)).toMatchObject({
      seats: 30,
      term_start: '2026-12-14',
      term_end: '2027-12-14',
    });
    expect((await detail()).nextTerm).toBeNull();
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'before_json', 'after_json'])
      .where('action', '=', 'subscription.term_started')
      .execute();
    expect(audit).toHaveLength(1);
    // Running again changes nothing.
    await sweepCheckouts(ctx);
    expect(
      await ctx.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'subscription.term_started')
        .execute(),
    ).toHaveLength(1);
  });

  it('offers no upgrade or added seats while the paid next term waits (their credit would not be the value paid)', async () => {
    await renewEarlyWithMoreSeats();
    const upgrade = await alex.post(`/api/subscriptions/${SUPPORT}/quotes`, {
      kind: 'upgrade',
      planCode: 'business',
      termYears: 1,
      seats: 30,
    });
    expect(upgrade.status).toBe(422);
    const seats = await alex.post(`/api/subscriptions/${SUPPORT}/quotes`, {
      kind: 'seats',
      planCode: 'starter',
      seats: 40,
    });
    expect(seats.status).toBe(422);
  });
});
