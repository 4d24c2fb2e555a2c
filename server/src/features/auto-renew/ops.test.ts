// Ops' side of the renewal run: run it now and read the runs, see what needs attention, and change the notice
// policies (used by renewals planned afterwards). Ops only.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autoRenewState, runAt, SALES, saveCard, turnOn } from '../../testing/auto-renew.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

describe('the renewal run for ops', () => {
  it('runs now, lists the runs with what they did, and is ops only', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const started = await ops.post('/api/ops/renewals/runs');
    expect(started.status).toBe(202);
    const body = (await started.json()) as { run: { status: string; forDate: string; trigger: string } };
    expect(body.run).toMatchObject({ status: 'succeeded', forDate: '2026-11-23', trigger: 'ops' });
    const runs = (await (await ops.get('/api/ops/renewals/runs')).json()) as {
      runs: unknown[];
      isRunning: boolean;
    };
    expect(runs).toMatchObject({ isRunning: false });
    expect(runs.runs).toHaveLength(1);
    const alex = await ctx.signedIn('alex@northwind.example');
    expect((await alex.post('/api/ops/renewals/runs')).status).toBe(403);
    expect((await alex.get('/api/ops/renewals/attention')).status).toBe(403);
  });

  it('lists the renewals needing attention', async () => {
    const alex = await ctx.signedIn('alex@northwind.example');
    await saveCard(ctx, alex, SALES);
    await turnOn(alex, SALES, 1);
    await runAt(ctx, '2027-01-26T03:00:00.000Z');
    const ops = await ctx.signedIn('ops@vendor.example');
    const list = (await (await ops.get('/api/ops/renewals/attention')).json()) as {
      renewals: { subscriptionLabel: string; state: string; lastError: { code: string } | null }[];
    };
    expect(list.renewals).toEqual([
      expect.objectContaining({
        subscriptionLabel: 'Sales workspace',
        state: 'deferred',
        // No run between the consent and the end of the term: too late for California's 15 days in grace.
        lastError: expect.objectContaining({ code: 'held_too_late' }),
      }),
    ]);
  });

  it('changes the notice policies, used by renewals planned afterwards', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const { policies } = (await (await ops.get('/api/ops/renewals/notice-policies')).json()) as {
      policies: {
        id: string;
        advance: { daysBefore: number; window: [number, number] };
        finalDaysBefore: number;
      }[];
    };
    const changed = policies.map((p) =>
      p.id === 'us-ca' ? { ...p, advance: { ...p.advance, daysBefore: 40 }, finalDaysBefore: 10 } : p,
    );
    expect((await ops.put('/api/ops/renewals/notice-policies', changed)).status).toBe(200);
    const withoutDefault = changed.filter((p) => p.id !== 'default');
    expect((await ops.put('/api/ops/renewals/notice-policies', withoutDefault)).status).toBe(400);

    const alex = await ctx.signedIn('alex@northwind.example');
    await saveCard(ctx, alex, SALES);
    await turnOn(alex, SALES, 1);
    const state = await autoRenewState(alex, SALES);
    expect(state.renewal?.notices.map((n) => [n.kind, n.date, n.daysBefore])).toEqual([
      ['consent', '2026-11-23', 64],
      ['advance', '2026-12-17', 40],
      ['final', '2027-01-16', 10],
    ]);
  });
});
