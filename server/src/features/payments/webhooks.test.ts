// Stripe webhooks through the real app: signatures checked on the raw body, events recorded by id first,
// replays as no-ops, reordered deliveries converging to the same state, bodies never trusted, failures
// answered 500 so Stripe delivers again.

import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import {
  count,
  deliverWebhook,
  makeQuote,
  pay,
  SUPPORT,
  startCheckout,
  subscriptionRow,
} from '../../testing/payments.ts';

let ctx: TestContext;
let alex: TestClient;
beforeEach(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
});
afterEach(async () => {
  await ctx.dispose();
});

async function paidCheckout(options: { deliver: boolean }) {
  if (!options.deliver) ctx.emulator.setWebhookEndpoints([]);
  const quote = await makeQuote(alex, SUPPORT, {
    kind: 'renew',
    planCode: 'starter',
    termYears: 3,
    seats: 25,
  });
  const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
  await pay(ctx, checkout.sessionId);
  return { quote, sessionId: checkout.sessionId };
}

/** Every event the emulator recorded, oldest first. */
async function allEvents(): Promise<Stripe.Event[]> {
  const events: Stripe.Event[] = [];
  for await (const event of ctx.stripe.client.events.list({ limit: 100 })) events.push(event);
  return events.reverse();
}

function event(
  type: string,
  object: Record<string, unknown>,
  id = `evt_test_${Math.random().toString(36).slice(2)}`,
) {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}

describe('signatures', () => {
  it('refuses an unsigned delivery with 400 and records nothing', async () => {
    const response = await deliverWebhook(ctx, event('payment_intent.succeeded', { id: 'pi_x' }), {
      signature: null,
    });
    expect(response.status).toBe(400);
    expect(await count(ctx, 'stripe_events')).toBe(0);
  });

  it('refuses a delivery signed with another secret, or a body changed after signing', async () => {
    const payload = event('payment_intent.succeeded', { id: 'pi_x' });
    const wrongSecret = await deliverWebhook(ctx, payload, { secret: 'whsec_someone_else' });
    expect(wrongSecret.status).toBe(400);
    const signature = ctx.stripe.client.webhooks.generateTestHeaderString({
      payload,
      secret: ctx.stripe.webhookSecret,
    });
    const tampered = await deliverWebhook(ctx, payload.replace('pi_x', 'pi_y'), { signature });
    expect(tampered.status).toBe(400);
    const garbage = await deliverWebhook(ctx, payload, { signature: 't=1,v1=deadbeef' });
    expect(garbage.status).toBe(400);
    expect(await count(ctx, 'stripe_events')).toBe(0);
  });

  it('needs no session cookie or Origin (Stripe sends neither)', async () => {
    const response = await deliverWebhook(ctx, event('customer.created', { id: 'cus_x' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: 'ignored' });
  });
});

describe('recording and converging', () => {
  it('records each event by id; a replay of every event is a no-op', async () => {
    await paidCheckout({ deliver: true });
    const recorded = await count(ctx, 'stripe_events');
    const events = await allEvents();
    expect(recorded).toBe(events.length);
    for (const replayed of events) {
      const response = await deliverWebhook(ctx, JSON.stringify(replayed));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { outcome: string }).outcome).toBe('duplicate');
    }
    expect(await count(ctx, 'stripe_events')).toBe(recorded);
    expect(await count(ctx, 'payments')).toBe(1);
    expect(await count(ctx, 'invoices')).toBe(1);
    expect((await subscriptionRow(ctx, SUPPORT)).term_end).toBe('2029-12-14');
  });

  it('converges to the same state whatever order the events arrive in, each twice', async () => {
    await paidCheckout({ deliver: false });
    expect(await count(ctx, 'payments')).toBe(0);
    const events = await allEvents();
    const byType = (type: string) => events.filter((e) => e.type === type);
    // The charge's update first, the session last, everything twice.
    const reordered = [
      ...byType('charge.updated'),
      ...byType('payment_intent.succeeded'),
      ...byType('charge.updated'),
      ...byType('checkout.session.completed'),
      ...byType('payment_intent.succeeded'),
      ...byType('checkout.session.completed'),
    ];
    expect(reordered.length).toBe(6);
    for (const delivered of reordered) {
      expect((await deliverWebhook(ctx, JSON.stringify(delivered))).status).toBe(200);
    }
    expect(await count(ctx, 'payments')).toBe(1);
    expect(await count(ctx, 'fulfilments')).toBe(1);
    expect(await count(ctx, 'invoices')).toBe(1);
    const payment = await ctx.db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
    expect(payment.fee_minor).toBeGreaterThan(0);
    expect(payment.status).toBe('succeeded');
    expect((await subscriptionRow(ctx, SUPPORT)).term_end).toBe('2029-12-14');
    const receipts = await ctx.db
      .selectFrom('email_outbox')
      .select('id')
      .where('template', '=', 'payment_receipt')
      .execute();
    expect(receipts).toHaveLength(1);
  });

  it('fills in the fee and net when charge.updated brings the balance transaction later', async () => {
    await paidCheckout({ deliver: false });
    const events = await allEvents();
    const succeeded = events.find((e) => e.type === 'payment_intent.succeeded');
    await deliverWebhook(ctx, JSON.stringify(succeeded));
    // As if the balance transaction had not existed yet when the payment was recorded.
    await ctx.db.updateTable('payments').set({ fee_minor: null, net_minor: null }).execute();
    const updated = events.find((e) => e.type === 'charge.updated');
    expect((await deliverWebhook(ctx, JSON.stringify(updated))).status).toBe(200);
    const payment = await ctx.db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
    expect(payment.fee_minor).toBeGreaterThan(0);
    expect(payment.net_minor).toBe(payment.amount_minor - (payment.fee_minor ?? 0));
  });

  it('never trusts the body: a “succeeded” event for a declined intent records nothing', async () => {
    ctx.emulator.setWebhookEndpoints([]);
    const quote = await makeQuote(alex, SUPPORT, {
      kind: 'renew',
      planCode: 'starter',
      termYears: 3,
      seats: 25,
    });
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    const declined = await pay(ctx, checkout.sessionId, { card_number: '4000000000000002' });
    const lie = event('payment_intent.succeeded', {
      id: declined.payment_intent,
      object: 'payment_intent',
      status: 'succeeded',
      amount: quote.total.amountMinor,
      metadata: { quote_id: quote.id },
    });
    const response = await deliverWebhook(ctx, lie);
    expect(response.status).toBe(200);
    expect(await count(ctx, 'payments')).toBe(0);
    expect((await subscriptionRow(ctx, SUPPORT)).term_end).toBe('2026-12-14');
  });

  it('acknowledges and ignores types outside the allow-list', async () => {
    const response = await deliverWebhook(ctx, event('invoice.paid', { id: 'in_x' }, 'evt_ignored'));
    expect(await response.json()).toEqual({ received: true, outcome: 'ignored' });
    const stored = await ctx.db.selectFrom('stripe_events').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ id: 'evt_ignored', type: 'invoice.paid', status: 'ignored' });
  });

  it('answers 500 when it cannot converge, keeps the event, and processes it when Stripe delivers again', async () => {
    // Stripe cannot be reached. (This used a missing object; since issue 11 a missing object is acknowledged
    // and ignored, see webhook-safety.test.ts, so the failure is now a network error.)
    vi.spyOn(ctx.stripe.client.checkout.sessions, 'retrieve').mockRejectedValue(
      new Error('connect ECONNREFUSED stripe'),
    );
    const payload = event('checkout.session.completed', { id: 'cs_test_missing' }, 'evt_fails');
    const first = await deliverWebhook(ctx, payload);
    expect(first.status).toBe(500);
    const stored = await ctx.db.selectFrom('stripe_events').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ id: 'evt_fails', status: 'failed', attempts: 1 });
    expect(stored.last_error).toMatch(/ECONNREFUSED/i);
    // Not a duplicate: the failed event is tried again on the next delivery.
    const second = await deliverWebhook(ctx, payload);
    expect(second.status).toBe(500);
    const after = await ctx.db.selectFrom('stripe_events').select('attempts').executeTakeFirstOrThrow();
    expect(after.attempts).toBe(2);
  });
});
