// The value report against a small fixture whose figures were worked out by hand (see the comments), plus
// the demo data's shape, the previous term, and account isolation.

import type { TValueReport } from '@portal/shared/schemas/value-reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestContext } from '../../testing/harness.ts';
import { createUsageKey, pushUsage } from '../../testing/value-reports.ts';

let ctx: TestContext;

// Today is 2026-11-23. The fixture's current term is [2026-01-01, 2027-01-01); the report covers
// [2026-01-01, 2026-11-24): 327 of 365 days. The term before began 2025-01-01 (history), so the comparison
// span is [2025-01-01, 2025-11-24).
const FIXTURE_USAGE = [
  // current term
  ['active_users', '2026-01-05', 4],
  ['active_users', '2026-01-06', 8],
  ['active_users', '2026-02-10', 6],
  ['active_users', '2026-11-24', 10], // tomorrow: stored, but not yet in the report
  ['module_workflows', '2026-01-05', 3],
  ['module_workflows', '2026-02-10', 3],
  ['module_reports', '2026-01-06', 0],
  ['automations_run', '2026-01-05', 100],
  ['automations_run', '2026-02-10', 50],
  ['records_managed', '2026-01-31', 1000],
  ['records_managed', '2026-02-10', 1200],
  ['tickets_resolved', '2026-01-06', 2],
  ['median_resolution_hours', '2026-01-06', 4.5],
  ['median_resolution_hours', '2026-02-10', 5.5],
  // previous term
  ['active_users', '2025-01-10', 3],
  ['active_users', '2025-01-11', 5],
  ['automations_run', '2025-03-01', 100],
  ['automations_run', '2025-12-15', 900], // after the comparison span, inside the previous term
  ['records_managed', '2025-06-30', 800],
] as const;

beforeAll(async () => {
  ctx = await createTestContext();
  const nowIso = ctx.clock.now().toISOString();
  await ctx.db
    .insertInto('subscriptions')
    .values({
      id: 'sub_fixture',
      account_id: 'acct_northwind',
      plan_id: 'plan_professional', // core modules: workflows, reports, automations, integrations
      label: 'Fixture',
      seats: 10,
      currency: 'USD',
      unit_price_minor: 48_000,
      term_start: '2026-01-01',
      term_end: '2027-01-01',
      cancelled_at: null,
      auto_renew_enabled: 0,
      auto_renew_term_years: null,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .execute();
  await ctx.db
    .insertInto('subscription_events')
    .values([
      {
        id: 'sev_fx1',
        subscription_id: 'sub_fixture',
        type: 'created',
        at: '2025-01-01T09:00:00.000Z',
        actor_user_id: null,
        actor_label: null,
        data: '{"termStart":"2025-01-01"}',
      },
      {
        id: 'sev_fx2',
        subscription_id: 'sub_fixture',
        type: 'renewed',
        at: '2025-12-10T09:00:00.000Z',
        actor_user_id: null,
        actor_label: null,
        data: '{"termStart":"2026-01-01","termEnd":"2027-01-01"}',
      },
    ])
    .execute();
  const key = await createUsageKey(ctx);
  const response = await pushUsage(ctx, key.secret, {
    records: FIXTURE_USAGE.map(([metric, date, value]) => ({
      subscriptionId: 'sub_fixture',
      metric,
      date,
      value,
    })),
  });
  if (response.status !== 200) throw new Error(await response.text());
});
afterAll(async () => {
  await ctx.dispose();
});

async function report(email: string, id: string, term?: 'previous') {
  const client = await ctx.signedIn(email);
  return client.get(`/api/subscriptions/${id}/value-report${term ? `?term=${term}` : ''}`);
}

async function reportBody(id: string, term?: 'previous'): Promise<TValueReport> {
  const response = await report('alex@northwind.example', id, term);
  expect(response.status).toBe(200);
  return ((await response.json()) as { report: TValueReport }).report;
}

describe('value report of the current term (hand-computed fixture)', () => {
  let r: TValueReport;
  beforeAll(async () => {
    r = await reportBody('sub_fixture');
  });

  it('covers the term so far and compares with the same span of the term before', () => {
    expect(r.period).toEqual({
      start: '2026-01-01',
      end: '2027-01-01',
      coveredUntil: '2026-11-24',
      daysCovered: 327,
      daysTotal: 365,
      isComplete: false,
    });
    expect(r.comparisonPeriod).toEqual({ start: '2025-01-01', end: '2025-11-24' });
    expect(r.hasPreviousTerm).toBe(true);
    expect(r.hasData).toBe(true);
  });

  it('measures seat utilisation: average (4+8+6)/3 = 6 and peak 8 of 10 seats', () => {
    expect(r.seatUtilisation).toEqual({
      seats: 10,
      averageActiveUsers: 6,
      peakActiveUsers: 8,
      averagePct: 60,
      peakPct: 80,
      previousAveragePct: 40, // (3+5)/2 = 4 of 10
    });
  });

  it('measures adoption of each core module of the plan against average active users', () => {
    expect(r.modules).toEqual([
      { module: 'workflows', metric: 'module_workflows', averageUsers: 3, adoptionPct: 50, isAdopted: true },
      { module: 'reports', metric: 'module_reports', averageUsers: 0, adoptionPct: 0, isAdopted: false },
      {
        module: 'automations',
        metric: 'module_automations',
        averageUsers: null,
        adoptionPct: null,
        isAdopted: false,
      },
      {
        module: 'integrations',
        metric: 'module_integrations',
        averageUsers: null,
        adoptionPct: null,
        isAdopted: false,
      },
    ]);
  });

  it('totals each metric its own way, with the change against the comparison span', () => {
    const totals = Object.fromEntries(
      r.totals.map((t) => [t.metric, [t.value, t.previousValue, t.changePct]]),
    );
    expect(totals).toEqual({
      active_users: [8, 5, 60], // peak
      automations_run: [150, 100, 50], // sum; 900 on 2025-12-15 lies after the comparison span
      records_managed: [1200, 800, 50], // last
      median_resolution_hours: [5, null, null], // average of 4.5 and 5.5
      module_workflows: [3, null, null],
      module_reports: [0, null, null],
      tickets_resolved: [2, null, null],
    });
  });

  it('gives one point a month from the term start to today, each metric aggregated its own way', () => {
    expect(r.monthly.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(r.monthly[0]).toEqual({
      month: '2026-01',
      days: 2,
      activeUsersAverage: 6,
      activeUsersPeak: 8,
      metrics: {
        active_users: 8,
        automations_run: 100,
        median_resolution_hours: 4.5,
        module_reports: 0,
        module_workflows: 3,
        records_managed: 1000,
        tickets_resolved: 2,
      },
    });
    expect(r.monthly[1]?.metrics).toEqual({
      active_users: 6,
      automations_run: 50,
      median_resolution_hours: 5.5,
      module_workflows: 3,
      records_managed: 1200,
    });
    expect(r.monthly[2]).toEqual({
      month: '2026-03',
      days: 0,
      activeUsersAverage: null,
      activeUsersPeak: null,
      metrics: {},
    });
  });

  it('estimates the ROI and shows its assumptions', () => {
    // 150 automations × 6 min = 15 h × $50.00 = $750.00; the price of 10 seats × $480.00 for 327 of 365
    // days is 480000 × 327 / 365 = 430027.4 → 430027 cents; 75000 / 430027 = 0.17.
    expect(r.roi).toEqual({
      estimatedValue: { amountMinor: 75_000, currency: 'USD' },
      pricePaid: { amountMinor: 480_000, currency: 'USD' },
      pricePaidForPeriod: { amountMinor: 430_027, currency: 'USD' },
      ratio: 0.17,
      hoursSaved: 15,
      assumptions: {
        hourlyCost: { amountMinor: 5_000, currency: 'USD' },
        perMetric: [{ metric: 'automations_run', name: 'Automations run', minutesPerUnit: 6, units: 150 }],
        priceBasis: 'contract',
      },
    });
  });

  it('picks up to five highlights, as kinds with their numbers', () => {
    expect(r.highlights).toEqual([
      { kind: 'automations', values: { count: 150, changePct: 50, hoursSaved: 15 } },
      {
        kind: 'seat_utilisation',
        values: { averageUsers: 6, peakUsers: 8, seats: 10, averagePct: 60, previousAveragePct: 40 },
      },
      { kind: 'roi', values: { ratio: 0.17, valueMinor: 75_000, currency: 'USD', hoursSaved: 15 } },
      { kind: 'module_adoption', values: { adopted: 1, total: 4, modules: ['workflows'] } },
      { kind: 'support', values: { resolved: 2, medianHours: 5, hoursChangePct: null } },
    ]);
  });

  it('follows a change of the ROI assumption by ops', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    expect((await ops.put('/api/ops/value-settings', { hourlyCostMinor: { USD: 8_000 } })).status).toBe(200);
    const changed = await reportBody('sub_fixture');
    expect(changed.roi?.estimatedValue.amountMinor).toBe(120_000); // 15 h × $80.00
    await ops.put('/api/ops/value-settings', { hourlyCostMinor: { USD: 5_000 } });
  });
});

describe('value report of the previous term', () => {
  it('covers the whole term before, valued at today’s contract, with nothing earlier to compare', async () => {
    const r = await reportBody('sub_fixture', 'previous');
    expect(r.term).toBe('previous');
    expect(r.period).toMatchObject({
      start: '2025-01-01',
      end: '2026-01-01',
      coveredUntil: '2026-01-01',
      daysCovered: 365,
      isComplete: true,
    });
    expect(r.comparisonPeriod).toBeNull();
    expect(r.totals.find((t) => t.metric === 'automations_run')).toMatchObject({
      value: 1000,
      previousValue: null,
      changePct: null,
    });
    // 1000 × 6 min = 100 h × $50.00 = $5,000.00 against $4,800.00.
    expect(r.roi).toMatchObject({
      estimatedValue: { amountMinor: 500_000 },
      pricePaidForPeriod: { amountMinor: 480_000 },
      ratio: 1.04,
      assumptions: { priceBasis: 'current_contract' },
    });
    expect(r.monthly).toHaveLength(12);
  });

  it('answers 404 for a subscription in its first term', async () => {
    const current = await reportBody('sub_nw_warehouse');
    expect(current.hasPreviousTerm).toBe(false);
    const response = await report('alex@northwind.example', 'sub_nw_warehouse', 'previous');
    expect(response.status).toBe(404);
  });

  it('rejects an unknown term', async () => {
    const alex = await ctx.signedIn('alex@northwind.example');
    expect((await alex.get('/api/subscriptions/sub_fixture/value-report?term=next')).status).toBe(400);
  });
});

describe('value report of the demo data', () => {
  it('shows Northwind’s operations platform growing against the year before', async () => {
    const r = await reportBody('sub_nw_platform');
    const automations = r.totals.find((t) => t.metric === 'automations_run');
    expect(automations?.changePct).toBeGreaterThan(20);
    expect(r.seatUtilisation.averagePct).toBeGreaterThan(r.seatUtilisation.previousAveragePct ?? 100);
    expect(r.highlights.length).toBeGreaterThanOrEqual(3);
    expect(r.highlights.length).toBeLessThanOrEqual(5);
    expect(r.monthly.length).toBeGreaterThan(5);
  });

  it('lets a member read the report', async () => {
    expect((await report('morgan@northwind.example', 'sub_nw_platform')).status).toBe(200);
  });
});

describe('isolation and roles', () => {
  it('answers 404 for another account’s subscription, exactly as for one that does not exist', async () => {
    for (const id of ['sub_fixture', 'sub_nw_platform', 'sub_nope']) {
      const response = await report('li.wei@harbor.example', id);
      expect(response.status).toBe(404);
      expect(await errorCode(response)).toBe('not_found');
    }
    expect((await report('li.wei@harbor.example', 'sub_nw_platform', 'previous')).status).toBe(404);
  });

  it('refuses vendor staff and signed-out callers', async () => {
    for (const email of ['ops@vendor.example', 'finance@vendor.example']) {
      expect((await report(email, 'sub_nw_platform')).status).toBe(403);
    }
    expect((await ctx.client().get('/api/subscriptions/sub_nw_platform/value-report')).status).toBe(401);
  });
});
