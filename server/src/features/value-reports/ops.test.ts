// Ops-only routes of value reports: API keys, the metric catalog and the ROI assumption.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestContext } from '../../testing/harness.ts';
import { createUsageKey, pushUsage } from '../../testing/value-reports.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.dispose();
});

type Call = { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; json?: unknown };
const OPS_ONLY: Call[] = [
  { method: 'GET', path: '/api/ops/api-keys' },
  { method: 'POST', path: '/api/ops/api-keys', json: { name: 'x' } },
  { method: 'DELETE', path: '/api/ops/api-keys/key_x' },
  { method: 'GET', path: '/api/ops/metrics' },
  {
    method: 'POST',
    path: '/api/ops/metrics',
    json: { code: 'forms_submitted', name: 'Forms', unit: 'count', aggregation: 'sum' },
  },
  { method: 'GET', path: '/api/ops/value-settings' },
  { method: 'PUT', path: '/api/ops/value-settings', json: { hourlyCostMinor: { USD: 1 } } },
  { method: 'GET', path: '/api/ops/pipeline' },
  { method: 'GET', path: '/api/ops/pipeline.csv' },
];

describe('ops-only routes', () => {
  it.each(['alex@northwind.example', 'morgan@northwind.example', 'finance@vendor.example'])(
    'refuses %s with 403',
    async (email) => {
      const client = await ctx.signedIn(email);
      for (const c of OPS_ONLY) {
        const response = await client.request(c.path, { method: c.method, json: c.json });
        expect(response.status, `${c.method} ${c.path}`).toBe(403);
        expect(await errorCode(response)).toBe('forbidden');
      }
    },
  );

  it('refuses a signed-out caller with 401', async () => {
    for (const c of OPS_ONLY) {
      const response = await ctx.client().request(c.path, { method: c.method, json: c.json });
      expect(response.status, `${c.method} ${c.path}`).toBe(401);
    }
  });
});

describe('API keys', () => {
  it('creates a key, shows it once, lists it by prefix, and audits creation and revocation', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const created = await ops.post('/api/ops/api-keys', { name: 'Telemetry exporter' });
    expect(created.status).toBe(201);
    const body = (await created.json()) as {
      apiKey: { id: string; prefix: string; name: string };
      secret: string;
    };
    expect(body.secret).toMatch(/^rpk_[a-z2-7]{32}$/);
    expect(body.apiKey).toMatchObject({ name: 'Telemetry exporter', prefix: body.secret.slice(0, 10) });
    const revoked = await ops.delete(`/api/ops/api-keys/${body.apiKey.id}`);
    expect(revoked.status).toBe(200);
    // Revoking again changes nothing.
    expect((await ops.delete(`/api/ops/api-keys/${body.apiKey.id}`)).status).toBe(200);
    expect((await ops.delete('/api/ops/api-keys/key_nope')).status).toBe(404);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', body.apiKey.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('asks for a name', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const response = await ops.post('/api/ops/api-keys', { name: '  ' });
    expect(response.status).toBe(400);
  });
});

describe('metric catalog', () => {
  it('lists the built-in metrics with how they aggregate and their value per unit', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const body = (await (await ops.get('/api/ops/metrics')).json()) as {
      metrics: {
        code: string;
        aggregation: string;
        valuePerUnitMinutes: number | null;
        module: string | null;
      }[];
    };
    const byCode = Object.fromEntries(body.metrics.map((m) => [m.code, m]));
    expect(byCode.active_users).toMatchObject({ aggregation: 'peak' });
    expect(byCode.records_managed).toMatchObject({ aggregation: 'last' });
    expect(byCode.automations_run).toMatchObject({ aggregation: 'sum', valuePerUnitMinutes: 6 });
    expect(byCode.tickets_opened).toMatchObject({ aggregation: 'sum' });
    expect(byCode.tickets_resolved).toMatchObject({ aggregation: 'sum' });
    expect(byCode.median_resolution_hours).toMatchObject({ aggregation: 'average' });
    for (const module of ['workflows', 'reports', 'automations', 'integrations', 'audit', 'sso']) {
      expect(byCode[`module_${module}`]).toMatchObject({ module });
    }
  });

  it('lets ops add a metric that usage can then be sent for and that counts in the ROI', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const created = await ops.post('/api/ops/metrics', {
      code: 'reports_exported',
      name: 'Reports exported',
      unit: 'count',
      aggregation: 'sum',
      valuePerUnitMinutes: 15,
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { metric: { isBuiltIn: boolean } }).metric.isBuiltIn).toBe(false);
    const duplicate = await ops.post('/api/ops/metrics', {
      code: 'reports_exported',
      name: 'Again',
      unit: 'count',
      aggregation: 'sum',
    });
    expect(duplicate.status).toBe(409);
    const bad = await ops.post('/api/ops/metrics', {
      code: 'Bad Code',
      name: 'x',
      unit: 'count',
      aggregation: 'median',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { error: { fields: object } }).error.fields).sort()).toEqual([
      'aggregation',
      'code',
    ]);

    const key = await createUsageKey(ctx);
    const pushed = await pushUsage(ctx, key.secret, {
      records: [
        { subscriptionId: 'sub_nw_platform', metric: 'reports_exported', date: '2026-11-20', value: 8 },
      ],
    });
    expect(pushed.status).toBe(200);
    const alex = await ctx.signedIn('alex@northwind.example');
    const report = (await (await alex.get('/api/subscriptions/sub_nw_platform/value-report')).json()) as {
      report: {
        roi: { assumptions: { perMetric: { metric: string; units: number; minutesPerUnit: number }[] } };
      };
    };
    expect(report.report.roi.assumptions.perMetric).toContainEqual({
      metric: 'reports_exported',
      name: 'Reports exported',
      minutesPerUnit: 15,
      units: 8,
    });
  });
});
