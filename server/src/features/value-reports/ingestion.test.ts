// Usage ingestion through POST /api/v1/usage: API keys, whole-batch validation, idempotent upserts.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestContext } from '../../testing/harness.ts';
import { createUsageKey, pushUsage, usageRows } from '../../testing/value-reports.ts';

let ctx: TestContext;
let key: { id: string; secret: string };
beforeEach(async () => {
  ctx = await createTestContext();
  // Start from no usage for the subscription the tests write to.
  await ctx.db.deleteFrom('usage_daily').where('subscription_id', '=', 'sub_nw_sales').execute();
  key = await createUsageKey(ctx);
});
afterEach(async () => {
  await ctx.dispose();
});

const row = (date: string, value: number, metric = 'active_users') => ({
  subscriptionId: 'sub_nw_sales',
  metric,
  date,
  value,
});

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

describe('POST /api/v1/usage', () => {
  it('upserts a batch and answers how many rows it wrote', async () => {
    const response = await pushUsage(ctx, key.secret, {
      records: [row('2026-11-20', 30), row('2026-11-21', 31), row('2026-11-21', 400, 'automations_run')],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 3, upserted: 3 });
    expect(await usageRows(ctx, 'sub_nw_sales')).toEqual([
      { metric: 'active_users', date: '2026-11-20', value: 30 },
      { metric: 'active_users', date: '2026-11-21', value: 31 },
      { metric: 'automations_run', date: '2026-11-21', value: 400 },
    ]);
  });

  it('is idempotent: the same batch twice leaves the same rows; a new value replaces the old', async () => {
    const batch = { records: [row('2026-11-20', 30), row('2026-11-21', 31)] };
    expect((await pushUsage(ctx, key.secret, batch)).status).toBe(200);
    const once = await usageRows(ctx, 'sub_nw_sales');
    expect((await pushUsage(ctx, key.secret, batch)).status).toBe(200);
    expect(await usageRows(ctx, 'sub_nw_sales')).toEqual(once);
    expect((await pushUsage(ctx, key.secret, { records: [row('2026-11-21', 35)] })).status).toBe(200);
    expect(await usageRows(ctx, 'sub_nw_sales')).toEqual([
      { metric: 'active_users', date: '2026-11-20', value: 30 },
      { metric: 'active_users', date: '2026-11-21', value: 35 },
    ]);
  });

  it('accepts an exact repeat within a batch once, and tomorrow (senders ahead of the vendor’s zone)', async () => {
    const response = await pushUsage(ctx, key.secret, {
      records: [row('2026-11-24', 12), row('2026-11-24', 12)],
    });
    expect(await response.json()).toEqual({ received: 2, upserted: 1 });
  });

  it('rejects the whole batch, naming every bad row by index, and writes nothing', async () => {
    const response = await pushUsage(ctx, key.secret, {
      records: [
        row('2026-11-20', 30), // 0: fine
        { ...row('2026-11-20', 1), subscriptionId: 'sub_does_not_exist' }, // 1
        row('2026-11-20', 1, 'coffee_cups'), // 2
        row('2026-02-30', 1), // 3: not a calendar date
        row('2026-11-25', 1), // 4: after tomorrow
        row('2026-11-19', -1), // 5
        { ...row('2026-11-18', 0), value: '12' }, // 6: a string
        { subscriptionId: 'sub_nw_sales', date: '2026-11-17', value: 1 }, // 7: no metric
        row('2026-11-20', 31), // 8: same key as 0, different value
        row('2026-11-20', 30), // 9: exact repeat of 0: fine
        42, // 10: not an object
        { ...row('2026-11-16', 0), value: null }, // 11: NaN serialises as null
        { ...row('2026-11-15', 0), date: '15/11/2026' }, // 12
        { ...row('2026-11-14', 0), subscriptionId: '' }, // 13
      ],
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toBe('12 of 14 records are not valid; nothing was written.');
    expect(body.error.fields).toEqual({
      'records.1.subscriptionId': 'Unknown subscription',
      'records.2.metric': 'Unknown metric',
      'records.3.date': 'Expected a date as YYYY-MM-DD',
      'records.4.date': 'Date is in the future (latest allowed 2026-11-24)',
      'records.5.value': 'Must not be negative',
      'records.6.value': 'Expected a number',
      'records.7.metric': 'Expected a metric code',
      'records.8.value': 'Conflicts with records.0: same subscription, metric and date',
      'records.10': 'Expected an object {subscriptionId, metric, date, value}',
      'records.11.value': 'Expected a number',
      'records.12.date': 'Expected a date as YYYY-MM-DD',
      'records.13.subscriptionId': 'Expected a subscription id',
    });
    expect(await usageRows(ctx, 'sub_nw_sales')).toEqual([]);
  });

  it('checks the envelope: JSON, an array, one to 5,000 records', async () => {
    const notJson = await ctx.client().request('/api/v1/usage', {
      method: 'POST',
      origin: null,
      headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' },
      body: '{"records": [',
    });
    expect(notJson.status).toBe(400);
    expect(await errorCode(notJson)).toBe('bad_request');
    for (const [body, message] of [
      [{}, 'Expected an array of records'],
      [{ records: [] }, 'Send at least one record'],
      [
        { records: Array.from({ length: 5_001 }, () => row('2026-11-20', 1)) },
        'Send at most 5000 records per request',
      ],
    ] as const) {
      const response = await pushUsage(ctx, key.secret, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error.fields).toEqual({ records: message });
    }
  });

  it('takes a full batch of 5,000 records within the body limit', async () => {
    const metrics = [
      'active_users',
      'module_workflows',
      'module_reports',
      'automations_run',
      'tickets_opened',
    ];
    const records = Array.from({ length: 5_000 }, (_, i) => ({
      subscriptionId: 'sub_nw_sales',
      metric: metrics[i % metrics.length],
      date: new Date(Date.UTC(2024, 0, 1) + Math.floor(i / metrics.length) * 86_400_000)
        .toISOString()
        .slice(0, 10),
      value: i % 97,
    }));
    const response = await pushUsage(ctx, key.secret, { records });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 5_000, upserted: 5_000 });
  });
});

describe('API keys', () => {
  it('refuses a request without a key, with a malformed or an unknown one', async () => {
    const batch = { records: [row('2026-11-20', 30)] };
    for (const secret of [null, 'not-a-key', 'rpk_doesnotexist']) {
      const response = await pushUsage(ctx, secret, batch);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
    }
    // A session cookie is no substitute for a key on this path.
    const ops = await ctx.signedIn('ops@vendor.example');
    expect((await ops.post('/api/v1/usage', batch)).status).toBe(401);
  });

  it('records when a key was last used, and stops a revoked key at once', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const listed = async () =>
      (
        (await (await ops.get('/api/ops/api-keys')).json()) as {
          apiKeys: { id: string; lastUsedAt: string | null; revokedAt: string | null }[];
        }
      ).apiKeys.find((k) => k.id === key.id);
    expect((await listed())?.lastUsedAt).toBeNull();
    expect((await pushUsage(ctx, key.secret, { records: [row('2026-11-20', 30)] })).status).toBe(200);
    expect((await listed())?.lastUsedAt).toBe('2026-11-23T12:00:00.000Z');

    expect((await ops.delete(`/api/ops/api-keys/${key.id}`)).status).toBe(200);
    expect((await listed())?.revokedAt).toBe('2026-11-23T12:00:00.000Z');
    const after = await pushUsage(ctx, key.secret, { records: [row('2026-11-21', 30)] });
    expect(after.status).toBe(401);
    expect(await usageRows(ctx, 'sub_nw_sales')).toHaveLength(1);
  });

  it('stores only a hash of the key, and shows the key once', async () => {
    const stored = await ctx.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(key.secret);
    expect(JSON.stringify(stored)).not.toContain(key.secret);
    expect(key.secret.startsWith(stored.prefix)).toBe(true);
    const ops = await ctx.signedIn('ops@vendor.example');
    expect(await (await ops.get('/api/ops/api-keys')).text()).not.toContain(key.secret);
  });

  it('lists the metric catalog for a key holder', async () => {
    const response = await ctx.client().request('/api/v1/metrics', {
      origin: null,
      headers: { authorization: `Bearer ${key.secret}` },
    });
    const body = (await response.json()) as { metrics: { code: string }[] };
    expect(body.metrics.map((m) => m.code)).toEqual(
      expect.arrayContaining([
        'active_users',
        'module_sso',
        'records_managed',
        'automations_run',
        'median_resolution_hours',
      ]),
    );
  });
});
