// Contract changes take effect when paid for (issue 10 item 6, decision 010): an early renewal with more seats
// does not give the seats in the running term; it is a scheduled next term, shown as such by the API, which
// becomes the running contract on its first day (audited). While it waits, an upgrade credits the running
// term's unused part and the paid next term whole, each at the value paid for it, and replaces both when paid;
// added seats (priced on the running term alone) are not offered.

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

  it('prices an upgrade over the running term and the paid next term, each credited at the value paid for it', async () => {
    await renewEarlyWithMoreSeats();
    const before = await subscriptionRow(ctx, SUPPORT);
    const next = await ctx.db
      .selectFrom('subscription_scheduled_terms')
      .selectAll()
      .where('subscription_id', '=', SUPPORT)
      .executeTakeFirstOrThrow();
    const quote = await makeQuote(alex, SUPPORT, {
      kind: 'upgrade',
      planCode: 'professional',
      termYears: 1,
      seats: 30,
    });
    const credits = quote.lines.filter((line) => line.code === 'proration_credit');
    // The running term (its own price, 25 seats, up to the next term's start) and the next term whole (its own
    // price and 30 seats): never the merged span at the running price.
    expect(credits).toEqual([
      expect.objectContaining({ termDays: expect.any(Number) }),
      expect.objectContaining({
        termValueMinor: next.unit_price_minor * next.seats,
        amountMinor: -(next.unit_price_minor * next.seats),
      }),
    ]);
    expect(credits[0]).toMatchObject({ termValueMinor: before.unit_price_minor * before.seats });
    const running = credits[0];
    if (running?.code !== 'proration_credit') throw new Error('no running-term credit');
    expect(running.termDays).toBe((Date.parse(next.term_start) - Date.parse(before.term_start)) / 86_400_000);

    // Paid, it replaces both terms: the new plan from today, the paid next term gone (its value was credited).
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    await pay(ctx, checkout.sessionId);
    const after = await subscriptionRow(ctx, SUPPORT);
    expect(after).toMatchObject({ seats: 30, term_start: quote.termStart, term_end: quote.termEnd });
    expect(
      await ctx.db
        .selectFrom('subscription_scheduled_terms')
        .selectAll()
        .where('subscription_id', '=', SUPPORT)
        .execute(),
    ).toEqual([]);
    const payment = await ctx.db
      .selectFrom('payments')
      .selectAll()
      .where('quote_id', '=', quote.id)
      .executeTakeFirstOrThrow();
    expect(payment.fulfilment_status).toBe('fulfilled');
  });

  it('still offers no added seats while the paid next term waits (they would not follow into it)', async () => {
    await renewEarlyWithMoreSeats();
    const seats = await alex.post(`/api/subscriptions/${SUPPORT}/quotes`, {
      kind: 'seats',
      planCode: 'starter',
      seats: 40,
    });
    expect(seats.status).toBe(422);
  });
});
