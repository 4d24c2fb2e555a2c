// The ops renewal pipeline over the demo data: windows, search, risk filter, sorting, CSV.

import type { TPipeline } from '@portal/shared/schemas/value-reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let ops: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  ops = await ctx.signedIn('ops@vendor.example');
});
afterAll(async () => {
  await ctx.dispose();
});

async function pipeline(query = ''): Promise<TPipeline> {
  const response = await ops.get(`/api/ops/pipeline${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { pipeline: TPipeline }).pipeline;
}
const ids = (p: TPipeline) => p.rows.map((r) => r.subscriptionId);

describe('GET /api/ops/pipeline', () => {
  it('lists what ends in the next 90 days and what is in grace, soonest first, without cancelled ones', async () => {
    const p = await pipeline();
    expect(p.today).toBe('2026-11-23');
    // Days left: warehouse −6 (grace), support 21, alpenrose 48, sales 64, harbor fleet 75.
    expect(ids(p)).toEqual([
      'sub_nw_warehouse',
      'sub_nw_support',
      'sub_ar_main',
      'sub_nw_sales',
      'sub_hb_fleet',
    ]);
    expect(p.rows.find((r) => r.subscriptionId === 'sub_ar_main')).toMatchObject({
      accountName: 'Alpenrose GmbH',
      planName: 'Professional',
      termEnd: '2027-01-10',
      lastDay: '2027-01-09',
      daysLeft: 48,
      status: 'renewal_open',
      annualValue: { amountMinor: 60 * 44_000, currency: 'EUR' },
      autoRenew: false,
      lastNoticeSentAt: null,
    });
  });

  it('filters by window', async () => {
    expect(ids(await pipeline('?window=30'))).toEqual(['sub_nw_support']);
    expect(ids(await pipeline('?window=60'))).toEqual(['sub_nw_support', 'sub_ar_main']);
    expect(ids(await pipeline('?window=90'))).toEqual([
      'sub_nw_support',
      'sub_ar_main',
      'sub_nw_sales',
      'sub_hb_fleet',
    ]);
    expect(ids(await pipeline('?window=grace'))).toEqual(['sub_nw_warehouse']);
    expect((await ops.get('/api/ops/pipeline?window=45')).status).toBe(400);
  });

  it('flags Alpenrose, whose usage is falling, as at risk with its reasons; the others are healthy', async () => {
    const p = await pipeline();
    const alpenrose = p.rows.find((r) => r.subscriptionId === 'sub_ar_main');
    expect(alpenrose?.health.isAtRisk).toBe(true);
    expect(alpenrose?.health.riskReasons).toEqual(
      expect.arrayContaining([
        'usage_falling',
        'low_seat_utilisation',
        'high_support_load',
        'support_backlog',
      ]),
    );
    expect(alpenrose?.health.score).toBeLessThan(50);
    for (const row of p.rows.filter((r) => r.subscriptionId !== 'sub_ar_main')) {
      expect(row.health.isAtRisk, row.subscriptionId).toBe(false);
      expect(row.health.score).toBeGreaterThanOrEqual(70);
    }
    expect(ids(await pipeline('?risk=at_risk'))).toEqual(['sub_ar_main']);
  });

  it('counts a recent portal sign-in in the recency factor', async () => {
    await ctx.db
      .updateTable('users')
      .set({ last_sign_in_at: '2026-11-20T08:00:00.000Z' })
      .where('id', '=', 'usr_jonas')
      .execute();
    await ctx.db
      .deleteFrom('usage_daily')
      .where('subscription_id', '=', 'sub_ar_main')
      .where('date', '>=', '2026-10-01')
      .execute();
    const row = (await pipeline()).rows.find((r) => r.subscriptionId === 'sub_ar_main');
    expect(row?.health.factors.find((f) => f.factor === 'recency')).toMatchObject({ value: 3, points: 25 });
  });

  it('searches account names, labels and ids, case-insensitively and with wildcards taken literally', async () => {
    expect(ids(await pipeline('?q=alpen'))).toEqual(['sub_ar_main']);
    expect(ids(await pipeline(`?q=${encodeURIComponent('车队')}`))).toEqual(['sub_hb_fleet']);
    expect(ids(await pipeline('?q=SUPPORT'))).toEqual(['sub_nw_support']);
    expect(ids(await pipeline('?q=%25'))).toEqual([]);
  });

  it('sorts by health, account and annual value (grouped by currency)', async () => {
    const byHealth = await pipeline('?sort=health');
    expect(byHealth.rows[0]?.subscriptionId).toBe('sub_ar_main');
    const scores = byHealth.rows.map((r) => r.health.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect((await pipeline('?sort=-health')).rows.at(-1)?.subscriptionId).toBe('sub_ar_main');
    expect((await pipeline('?sort=account')).rows.map((r) => r.accountName)).toEqual([
      'Alpenrose GmbH',
      'Harbor Logistics',
      'Northwind Traders',
      'Northwind Traders',
      'Northwind Traders',
    ]);
    expect(ids(await pipeline('?sort=-annualValue'))).toEqual([
      'sub_nw_sales', // USD 21,600.00
      'sub_nw_support', // USD 6,000.00
      'sub_nw_warehouse', // USD 2,880.00
      'sub_ar_main', // EUR
      'sub_hb_fleet', // CNY
    ]);
  });
});

describe('GET /api/ops/pipeline.csv', () => {
  it('downloads the same rows as RFC 4180 CSV with a header', async () => {
    const response = await ops.get('/api/ops/pipeline.csv?window=60');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="renewal-pipeline-2026-11-23.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines).toHaveLength(4); // header, two rows, and the empty string after the last CRLF
    expect(lines[0]).toBe(
      'Account,Subscription,Subscription ID,Plan,Term end,Last day of service,Days left,Status,Annual value,Currency,Health,At risk,Risk reasons,Auto-renew,Last notice sent',
    );
    expect(lines[1]).toMatch(
      /^Northwind Traders,Support desk,sub_nw_support,Starter,2026-12-14,2026-12-13,21,expiring,6000\.00,USD,\d+,false,,false,$/,
    );
    expect(lines[2]).toMatch(
      /^Alpenrose GmbH,Production planning,sub_ar_main,Professional,2027-01-10,2027-01-09,48,renewal_open,26400\.00,EUR,\d+,true,usage_falling; [a-z_; ]+,false,$/,
    );
    expect(lines[3]).toBe('');
  });
});
