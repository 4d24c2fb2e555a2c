// The demo clock: ops only, with the Stripe emulator only, forward from the real date (and back to it), kept
// across restarts, and moving sessions with it so nobody is signed out by a jump.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.ts';
import { createLogger } from '../../platform/logger.ts';
import { createRuntime } from '../../runtime.ts';
import { createTestContext, errorCode, type TestContext } from '../../testing/harness.ts';
import { restoreDemoClock, setDemoClock } from './service.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

describe('the demo clock', () => {
  it('moves the portal’s date forward for ops, keeps sessions alive, and goes back to real time', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const alex = await ctx.signedIn('alex@northwind.example');
    expect(await (await ops.get('/api/ops/clock')).json()).toEqual({
      clock: {
        now: '2026-11-23T12:00:00.000Z',
        today: '2026-11-23',
        offsetDays: 0,
        timeZone: 'UTC',
        isAdjustable: true,
      },
    });
    const moved = await ops.put('/api/ops/clock', { today: '2027-03-01' });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ clock: { today: '2027-03-01', offsetDays: 98 } });
    expect(ctx.clock.today()).toBe('2027-03-01');
    // Alex signed in 98 days "ago" with a 14-day session, and is still signed in.
    const subscriptions = await alex.get('/api/subscriptions/sub_nw_sales');
    expect(subscriptions.status).toBe(200);
    expect(((await subscriptions.json()) as { subscription: { status: string } }).subscription.status).toBe(
      'expired',
    );

    const back = await ops.put('/api/ops/clock', { reset: true });
    expect(await back.json()).toMatchObject({ clock: { today: '2026-11-23', offsetDays: 0 } });
    expect((await alex.get('/api/subscriptions')).status).toBe(200);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'demo_clock')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('is kept across a restart', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    await ops.put('/api/ops/clock', { today: '2027-01-01' });
    const clock = createFixedClock('2026-11-23T12:00:00.000Z');
    const restarted = await createRuntime({ config: ctx.config, clock, logger: createLogger('silent') });
    try {
      await restoreDemoClock(restarted);
      expect(clock.today()).toBe('2027-01-01');
    } finally {
      await restarted.close();
    }
  });

  it('never goes before the real date, is for ops only, and never moves with a real Stripe key', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const past = await ops.put('/api/ops/clock', { today: '2026-11-01' });
    expect(past.status).toBe(422);
    const alex = await ctx.signedIn('alex@northwind.example');
    expect((await alex.put('/api/ops/clock', { today: '2027-01-01' })).status).toBe(403);
    expect((await alex.get('/api/ops/clock')).status).toBe(403);
    const withRealStripe = { ...ctx, stripe: { ...ctx.stripe, isEmulated: false } };
    const user = {
      id: 'usr_ops',
      accountId: null,
      email: 'ops@vendor.example',
      name: 'Ops',
      role: 'ops',
      locale: 'en',
    } as const;
    await expect(setDemoClock(withRealStripe, user, { today: '2027-01-01' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await errorCode(await ops.put('/api/ops/clock', { today: 'soon' }))).toBe('validation_failed');
  });
});
