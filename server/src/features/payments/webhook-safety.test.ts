// Issue 11 item 5: validly signed deliveries that are not events, or whose object does not exist at Stripe,
// are acknowledged (2xx, so Stripe stops retrying) and recorded as ignored with the reason; an event id is
// required by the table; signatures dated too far in the future are refused like old ones.

import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_WEBHOOK_SECRET } from '../../platform/stripe/client.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { deliverWebhook } from '../../testing/payments.ts';
import { SIGNATURE_TOLERANCE_SECONDS } from './webhooks.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

const event = (type: string, object: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `evt_${Math.random().toString(36).slice(2)}`,
    object: 'event',
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    type,
    ...extra,
  });

const rows = () => ctx.db.selectFrom('stripe_events').select(['type', 'status', 'ignored_reason']).execute();

describe('webhook safety', () => {
  it('acknowledges a signed event about an object that does not exist, and records why it was ignored', async () => {
    for (const [type, id] of [
      ['payment_intent.succeeded', 'pi_does_not_exist'],
      ['checkout.session.completed', 'cs_does_not_exist'],
      ['charge.refunded', 'ch_does_not_exist'],
      ['charge.dispute.created', 'dp_does_not_exist'],
    ] as const) {
      const response = await deliverWebhook(ctx, event(type, { id }));
      expect(response.status, type).toBe(200);
      expect(await response.json()).toEqual({ received: true, outcome: 'ignored' });
    }
    const recorded = await rows();
    expect(recorded).toHaveLength(4);
    for (const row of recorded) {
      expect(row.status).toBe('ignored');
      expect(row.ignored_reason).toMatch(/does not exist at Stripe/);
    }
  });

  it('acknowledges a signed body that is not an event, once, with the reason', async () => {
    for (const body of [
      '{"hello":"world"}',
      '[]',
      event('payment_intent.succeeded', { id: 'pi_x' }, { id: null }),
    ]) {
      const first = await deliverWebhook(ctx, body);
      expect(first.status, body).toBe(200);
      const again = await deliverWebhook(ctx, body);
      expect(((await again.json()) as { outcome: string }).outcome).toBe('duplicate');
    }
    const recorded = await rows();
    expect(recorded).toHaveLength(3);
    expect(recorded.every((r) => r.status === 'ignored' && /not an event/.test(r.ignored_reason ?? ''))).toBe(
      true,
    );
  });

  it('requires an event id in the table itself', async () => {
    await expect(
      sql`INSERT INTO stripe_events (id, type, livemode, stripe_created_at, received_at, status)
          VALUES (NULL, 'x', 0, 'now', 'now', 'received')`.execute(ctx.db),
    ).rejects.toThrow(/NOT NULL|violates not-null constraint/);
  });

  it('refuses a signature dated too far in the future, like an old one', async () => {
    const payload = event('customer.created', { id: 'cus_x' });
    const sign = (offsetSeconds: number) =>
      ctx.stripe.client.webhooks.generateTestHeaderString({
        payload,
        secret: EMULATOR_WEBHOOK_SECRET,
        timestamp: Math.floor(Date.now() / 1000) + offsetSeconds,
      });
    const future = await deliverWebhook(ctx, payload, { signature: sign(SIGNATURE_TOLERANCE_SECONDS + 120) });
    expect(future.status).toBe(400);
    const old = await deliverWebhook(ctx, payload, { signature: sign(-(SIGNATURE_TOLERANCE_SECONDS + 120)) });
    expect(old.status).toBe(400);
    expect(await rows()).toEqual([]);
    expect((await deliverWebhook(ctx, payload, { signature: sign(30) })).status).toBe(200);
  });
});
