import type { TValueReport } from '@portal/shared/schemas/value-reports';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/harness.ts';
import { createUsageKey, pushUsage } from '../../testing/value-reports.ts';
import { splitByWholeMonths } from './repo.ts';

describe('a report range cut into whole months and partial edges', () => {
  it('reads whole months from the aggregates and the partial months at each edge from the daily rows', () => {
    expect(splitByWholeMonths('2025-11-23', '2026-11-23')).toEqual({
      months: { first: '2025-12', last: '2026-10' },
      edges: [
        { start: '2025-11-23', end: '2025-12-01' },
        { start: '2026-11-01', end: '2026-11-23' },
      ],
    });
  });

  it('needs no edge when the range starts and ends on the first of a month', () => {
    expect(splitByWholeMonths('2026-01-01', '2026-04-01')).toEqual({
      months: { first: '2026-01', last: '2026-03' },
      edges: [],
    });
  });

  it('reads everything from the daily rows when no whole month fits', () => {
    expect(splitByWholeMonths('2026-03-05', '2026-04-20')).toEqual({
      months: null,
      edges: [{ start: '2026-03-05', end: '2026-04-20' }],
    });
    expect(splitByWholeMonths('2026-03-05', '2026-03-05')).toEqual({ months: null, edges: [] });
  });

  it('crosses a year end', () => {
    expect(splitByWholeMonths('2025-12-15', '2026-02-10')).toEqual({
      months: { first: '2026-01', last: '2026-01' },
      edges: [
        { start: '2025-12-15', end: '2026-01-01' },
        { start: '2026-02-01', end: '2026-02-10' },
      ],
    });
  });
});

/** The demo data with no usage for Northwind's sales subscription, and a usage API key. */
async function withoutUsage() {
  const ctx = await createTestContext();
  const id = 'sub_nw_sales';
  await ctx.db.deleteFrom('usage_daily').where('subscription_id', '=', id).execute();
  await ctx.db.deleteFrom('usage_monthly').where('subscription_id', '=', id).execute();
  return { ctx, id, key: await createUsageKey(ctx) };
}

describe('monthly aggregates at ingestion', () => {
  it('follow every batch, replaced values included, as the fold of the daily rows', async () => {
    const { ctx, id, key } = await withoutUsage();
    try {
      const record = (date: string, value: number, metric = 'active_users') => ({
        subscriptionId: id,
        metric,
        date,
        value,
      });
      const push = async (records: ReturnType<typeof record>[]) =>
        expect((await pushUsage(ctx, key.secret, { records })).status).toBe(200);
      await push([record('2026-09-30', 5), record('2026-10-01', 7), record('2026-10-15', 9)]);
      await push([record('2026-10-15', 3), record('2026-10-31', 4, 'automations_run')]);
      const monthly = await ctx.db
        .selectFrom('usage_monthly')
        .select(['metric', 'month', 'days', 'value_sum', 'value_max', 'last_date', 'last_value'])
        .where('subscription_id', '=', id)
        .orderBy('metric')
        .orderBy('month')
        .execute();
      expect(monthly).toEqual([
        {
          metric: 'active_users',
          month: '2026-09',
          days: 1,
          value_sum: 5,
          value_max: 5,
          last_date: '2026-09-30',
          last_value: 5,
        },
        {
          metric: 'active_users',
          month: '2026-10',
          days: 2,
          value_sum: 10,
          value_max: 7,
          last_date: '2026-10-15',
          last_value: 3,
        },
        {
          metric: 'automations_run',
          month: '2026-10',
          days: 1,
          value_sum: 4,
          value_max: 4,
          last_date: '2026-10-31',
          last_value: 4,
        },
      ]);
    } finally {
      await ctx.dispose();
    }
  });
});

describe('a value report read again', () => {
  it('shows a day replaced since the last read, though it keeps its figures in memory', async () => {
    const { ctx, id, key } = await withoutUsage();
    try {
      const push = async (date: string, value: number) =>
        expect(
          (
            await pushUsage(ctx, key.secret, {
              records: [{ subscriptionId: id, metric: 'active_users', date, value }],
            })
          ).status,
        ).toBe(200);
      const client = await ctx.signedIn('alex@northwind.example');
      // Today is 2026-11-23: November is a partial month at the end of the covered range.
      const november = async () => {
        const response = await client.get(`/api/subscriptions/${id}/value-report`);
        expect(response.status).toBe(200);
        const { report } = (await response.json()) as { report: TValueReport };
        return report.monthly.find((point) => point.month === '2026-11');
      };
      await push('2026-11-10', 9);
      await push('2026-11-12', 5);
      expect(await november()).toMatchObject({ activeUsersAverage: 7, activeUsersPeak: 9 });
      expect(await november()).toMatchObject({ activeUsersAverage: 7, activeUsersPeak: 9 });
      // Same number of days, a lower peak: only the daily rows tell.
      await push('2026-11-10', 3);
      expect(await november()).toMatchObject({ activeUsersAverage: 4, activeUsersPeak: 5 });
    } finally {
      await ctx.dispose();
    }
  });
});
