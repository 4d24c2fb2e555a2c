// SQL of value reports: the metric catalog, daily usage (upserts and aggregates) and the few facts
// about subscriptions and users that reports and health read. Aggregation happens here, in the database:
// callers receive one row per metric and month (or per subscription and metric), never the daily rows.

import { addDays, addMonths } from '@portal/shared/dates';
import { sql } from 'kysely';
import { newId } from '../../platform/db/ids.ts';
import { preparedQuery } from '../../platform/db/prepared.ts';
import type { MetricTable, UsageDailyTable } from '../../platform/db/schema.ts';
import type { DbOf, ReadsOf } from '../../platform/db/slice.ts';

/** The feature's own tables. What it reads of subscriptions, plans and users is named where it is read. */
type Db = DbOf<'metrics' | 'usage_daily' | 'usage_monthly' | 'usage_stamps'>;

// ---- metric catalog ----

const allMetrics = preparedQuery((db: Db, _p: Record<string, never>) =>
  db.selectFrom('metrics').selectAll().orderBy('is_builtin', 'desc').orderBy('code'),
);

export async function listMetrics(db: Db) {
  return allMetrics.all(db, {});
}

export async function findMetric(db: Db, code: string) {
  return db.selectFrom('metrics').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertMetric(
  db: Db,
  row: Omit<MetricTable, 'is_builtin' | 'description'> & {
    description: string;
  },
) {
  await db
    .insertInto('metrics')
    .values({ ...row, is_builtin: 0 })
    .execute();
}

// ---- ingestion ----

/** Of the given ids, those that name a subscription (of any account: usage keys are vendor-wide). */
export async function findExistingSubscriptionIds(
  db: ReadsOf<'subscriptions'>,
  ids: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.selectFrom('subscriptions').select('id').where('id', 'in', chunk).execute();
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/** 4 bound values a row; 250 rows a statement stays far below every engine's parameter limit. */
const UPSERT_CHUNK = 250;

/**
 * Inserts or replaces each (subscription, metric, date) and brings the monthly aggregates of the months
 * touched up to date; the caller supplies the transaction.
 */
export async function upsertUsage(db: Db, rows: readonly UsageDailyTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    await db
      .insertInto('usage_daily')
      .values(rows.slice(i, i + UPSERT_CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['subscription_id', 'metric', 'date'])
          .doUpdateSet({ value: (eb) => eb.ref('excluded.value') }),
      )
      .execute();
  }
  await refreshMonthlyUsage(db, rows);
}

// ---- monthly aggregates (usage_monthly, 0013) ----

const month = sql<string>`substr(date, 1, 7)`;
const monthStart = (yearMonth: string) => `${yearMonth}-01`;
const nextMonth = (yearMonth: string) => addMonths(monthStart(yearMonth), 1).slice(0, 7);
const METRIC_CHUNK = 100;

/**
 * Recomputes from usage_daily the monthly rows of every (subscription, metric, month) the given daily rows
 * fall in: each subscription's metrics over the span of months its rows cover. Whole months are re-read, so
 * the result is the same whatever was written before.
 */
export async function refreshMonthlyUsage(
  db: Db,
  rows: readonly Pick<UsageDailyTable, 'subscription_id' | 'metric' | 'date'>[],
): Promise<void> {
  const spans = new Map<string, { metrics: Set<string>; first: string; last: string }>();
  for (const row of rows) {
    const span = spans.get(row.subscription_id);
    if (!span) {
      spans.set(row.subscription_id, { metrics: new Set([row.metric]), first: row.date, last: row.date });
      continue;
    }
    span.metrics.add(row.metric);
    if (row.date < span.first) span.first = row.date;
    if (row.date > span.last) span.last = row.date;
  }
  for (const [subscriptionId, span] of spans) {
    // The report's cached figures of this subscription are stale from now on (decision 027).
    await db
      .insertInto('usage_stamps')
      .values({ subscription_id: subscriptionId, stamp: newId('us') })
      .onConflict((oc) =>
        oc.column('subscription_id').doUpdateSet({ stamp: (eb) => eb.ref('excluded.stamp') }),
      )
      .execute();
    const firstMonth = span.first.slice(0, 7);
    const lastMonth = span.last.slice(0, 7);
    const metrics = [...span.metrics];
    for (let i = 0; i < metrics.length; i += METRIC_CHUNK) {
      const chunk = metrics.slice(i, i + METRIC_CHUNK);
      await db
        .insertInto('usage_monthly')
        .columns([
          'subscription_id',
          'metric',
          'month',
          'days',
          'value_sum',
          'value_max',
          'last_date',
          'last_value',
        ])
        .expression(
          db
            .selectFrom('usage_daily')
            .select((eb) => [
              'subscription_id',
              'metric',
              month.as('month'),
              eb.fn.countAll<number>().as('days'),
              eb.fn.sum<number>('value').as('value_sum'),
              eb.fn.max<number>('value').as('value_max'),
              eb.fn.max<string>('date').as('last_date'),
              sql<number>`0`.as('last_value'),
            ])
            .where('subscription_id', '=', subscriptionId)
            .where('metric', 'in', chunk)
            .where('date', '>=', monthStart(firstMonth))
            .where('date', '<', monthStart(nextMonth(lastMonth)))
            .groupBy(['subscription_id', 'metric', month]),
        )
        .onConflict((oc) =>
          oc.columns(['subscription_id', 'metric', 'month']).doUpdateSet((eb) => ({
            days: eb.ref('excluded.days'),
            value_sum: eb.ref('excluded.value_sum'),
            value_max: eb.ref('excluded.value_max'),
            last_date: eb.ref('excluded.last_date'),
          })),
        )
        .execute();
      await db
        .updateTable('usage_monthly')
        .set((eb) => ({
          last_value: eb
            .selectFrom('usage_daily as d')
            .select('d.value')
            .whereRef('d.subscription_id', '=', 'usage_monthly.subscription_id')
            .whereRef('d.metric', '=', 'usage_monthly.metric')
            .whereRef('d.date', '=', 'usage_monthly.last_date'),
        }))
        .where('subscription_id', '=', subscriptionId)
        .where('metric', 'in', chunk)
        .where('month', '>=', firstMonth)
        .where('month', '<=', lastMonth)
        .execute();
    }
  }
}

/**
 * [start, end) cut into the whole calendar months it holds (read from usage_monthly) and the partial months at
 * its edges (read from usage_daily): `months` is null when there is no whole month.
 */
export function splitByWholeMonths(
  start: string,
  end: string,
): { months: { first: string; last: string } | null; edges: { start: string; end: string }[] } {
  const firstWhole = start.endsWith('-01') ? start.slice(0, 7) : nextMonth(start.slice(0, 7));
  const endMonth = end.slice(0, 7); // months before it end on or before `end`
  if (firstWhole >= endMonth) return { months: null, edges: start < end ? [{ start, end }] : [] };
  const edges: { start: string; end: string }[] = [];
  if (start < monthStart(firstWhole)) edges.push({ start, end: monthStart(firstWhole) });
  if (monthStart(endMonth) < end) edges.push({ start: monthStart(endMonth), end });
  const last = addMonths(monthStart(endMonth), -1).slice(0, 7);
  return { months: { first: firstWhole, last }, edges };
}

// ---- report aggregates ----

const planCoreModules = preparedQuery((db: ReadsOf<'plans'>, p: { planId: string }) =>
  db.selectFrom('plans').select('core_modules').where('id', '=', p.planId),
);

export async function findPlanCoreModules(db: ReadsOf<'plans'>, planId: string): Promise<string | null> {
  return (await planCoreModules.first(db, { planId }))?.core_modules ?? null;
}

export type MonthlyAggregate = {
  metric: string;
  month: string;
  days: number;
  sum: number;
  max: number;
};

export type MonthlyRow = MonthlyAggregate & { lastValue: number };

const stampOfSubscription = preparedQuery((db: Db, p: { subscriptionId: string }) =>
  db.selectFrom('usage_stamps').select('stamp').where('subscription_id', '=', p.subscriptionId),
);

/** The subscription's usage stamp, new at every ingestion of its usage; null before the first since 0026. */
export async function findUsageStamp(db: Db, subscriptionId: string): Promise<string | null> {
  return (await stampOfSubscription.first(db, { subscriptionId }))?.stamp ?? null;
}

const monthlyRowsOfSubscription = preparedQuery(
  (db: Db, p: { subscriptionId: string; firstMonth: string; lastMonth: string }) =>
    db
      .selectFrom('usage_monthly')
      .select(['metric', 'month', 'days', 'value_sum as sum', 'value_max as max', 'last_value as lastValue'])
      .where('subscription_id', '=', p.subscriptionId)
      .where('month', '>=', p.firstMonth)
      .where('month', '<=', p.lastMonth),
);

/**
 * The subscription's usage_monthly rows of the months firstMonth..lastMonth (YYYY-MM), every metric: the
 * caller keeps the metrics it knows (a fixed shape, compiled once).
 */
export async function monthlyRows(
  db: Db,
  subscriptionId: string,
  firstMonth: string,
  lastMonth: string,
): Promise<MonthlyRow[]> {
  const rows = await monthlyRowsOfSubscription.all(db, { subscriptionId, firstMonth, lastMonth });
  return rows.map((r) => ({ ...r, days: Number(r.days), sum: Number(r.sum), max: Number(r.max) }));
}

/**
 * Per metric and calendar month of [start, end), from the daily rows: days reported, sum and maximum (the
 * partial months at a term's edges; whole months come from `monthlyRows`). Naming the metrics lets the engine
 * read one primary-key range per metric instead of all of the subscription's history.
 */
export async function dailyMonthlyAggregates(
  db: Db,
  subscriptionId: string,
  metrics: readonly string[],
  start: string,
  end: string,
): Promise<MonthlyAggregate[]> {
  if (metrics.length === 0) return [];
  // An edge lies within one month: grouped by metric alone, the rows come in primary-key order and need no
  // sort (half the time of grouping by metric and month).
  const singleMonth = start.slice(0, 7) === addDays(end, -1).slice(0, 7) ? start.slice(0, 7) : null;
  const query = db
    .selectFrom('usage_daily')
    .select((eb) => [
      'metric',
      (singleMonth === null ? month : sql<string>`${singleMonth}`).as('month'),
      eb.fn.countAll<number>().as('days'),
      eb.fn.sum<number>('value').as('sum'),
      eb.fn.max<number>('value').as('max'),
    ])
    .where('subscription_id', '=', subscriptionId)
    .where('metric', 'in', metrics)
    .where('date', '>=', start)
    .where('date', '<', end);
  const rows = await (singleMonth === null
    ? query.groupBy(['metric', month])
    : query.groupBy('metric')
  ).execute();
  return rows.map((r) => ({ ...r, days: Number(r.days), sum: Number(r.sum), max: Number(r.max) }));
}

export type MonthlyLastValue = { metric: string; month: string; date: string; value: number };

/** The value on the last reported day of each month of [start, end), from the daily rows. */
export async function dailyLastValues(
  db: Db,
  subscriptionId: string,
  start: string,
  end: string,
  metrics: readonly string[],
): Promise<MonthlyLastValue[]> {
  if (metrics.length === 0) return [];
  const lastDays = db
    .selectFrom('usage_daily')
    .select((eb) => ['metric', eb.fn.max<string>('date').as('last_date')])
    .where('subscription_id', '=', subscriptionId)
    .where('metric', 'in', metrics)
    .where('date', '>=', start)
    .where('date', '<', end)
    .groupBy(['metric', month])
    .as('last_days');
  const rows = await db
    .selectFrom('usage_daily as u')
    .innerJoin(lastDays, (join) =>
      join.onRef('u.metric', '=', 'last_days.metric').onRef('u.date', '=', 'last_days.last_date'),
    )
    .select(['u.metric', 'u.date', 'u.value'])
    .where('u.subscription_id', '=', subscriptionId)
    .execute();
  return rows.map((r) => ({ metric: r.metric, month: r.date.slice(0, 7), date: r.date, value: r.value }));
}

const usageBefore = preparedQuery((db: Db, p: { subscriptionId: string; date: string }) =>
  db
    .selectFrom('usage_daily')
    .select('date')
    .where('subscription_id', '=', p.subscriptionId)
    .where('date', '<', p.date)
    .limit(1),
);

export async function hasUsageBefore(db: Db, subscriptionId: string, date: string): Promise<boolean> {
  return Boolean(await usageBefore.first(db, { subscriptionId, date }));
}

// ---- health aggregates ----

export type HealthAggregate = {
  subscription_id: string;
  metric: string;
  recent_sum: number;
  recent_days: number;
  earlier_sum: number;
  earlier_days: number;
  last_active: string | null;
};

/**
 * Per subscription and metric: sums and day counts over [recentFrom, until) and [earlierFrom, recentFrom),
 * and the last day with a positive value in the whole window.
 */
export async function healthAggregates(
  db: Db,
  subscriptionIds: readonly string[],
  metrics: readonly string[],
  window: { earlierFrom: string; recentFrom: string; until: string },
): Promise<HealthAggregate[]> {
  const out: HealthAggregate[] = [];
  const isRecent = sql<boolean>`date >= ${window.recentFrom}`;
  for (let i = 0; i < subscriptionIds.length; i += 500) {
    const chunk = subscriptionIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('usage_daily')
      .select([
        'subscription_id',
        'metric',
        sql<number>`sum(case when ${isRecent} then value else 0 end)`.as('recent_sum'),
        sql<number>`sum(case when ${isRecent} then 1 else 0 end)`.as('recent_days'),
        sql<number>`sum(case when ${isRecent} then 0 else value end)`.as('earlier_sum'),
        sql<number>`sum(case when ${isRecent} then 0 else 1 end)`.as('earlier_days'),
        sql<string | null>`max(case when value > 0 then date end)`.as('last_active'),
      ])
      .where('subscription_id', 'in', chunk)
      .where('metric', 'in', metrics)
      .where('date', '>=', window.earlierFrom)
      .where('date', '<', window.until)
      .groupBy(['subscription_id', 'metric'])
      .execute();
    for (const r of rows) {
      out.push({
        subscription_id: r.subscription_id,
        metric: r.metric,
        recent_sum: Number(r.recent_sum),
        recent_days: Number(r.recent_days),
        earlier_sum: Number(r.earlier_sum),
        earlier_days: Number(r.earlier_days),
        last_active: r.last_active,
      });
    }
  }
  return out;
}

/** The last day each subscription had a positive value of `metric` before `until` (any age). */
export async function lastActiveDays(
  db: Db,
  subscriptionIds: readonly string[],
  metric: string,
  until: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < subscriptionIds.length; i += 500) {
    const rows = await db
      .selectFrom('usage_daily')
      .select((eb) => ['subscription_id', eb.fn.max<string>('date').as('last_date')])
      .where('subscription_id', 'in', subscriptionIds.slice(i, i + 500))
      .where('metric', '=', metric)
      .where('value', '>', 0)
      .where('date', '<', until)
      .groupBy('subscription_id')
      .execute();
    for (const r of rows) if (r.last_date) out.set(r.subscription_id, r.last_date);
  }
  return out;
}

/** The latest portal sign-in of any user of each account (ISO timestamp). */
export async function lastPortalSignIns(
  db: ReadsOf<'users'>,
  accountIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < accountIds.length; i += 500) {
    const rows = await db
      .selectFrom('users')
      .select((eb) => ['account_id', eb.fn.max<string>('last_sign_in_at').as('last_sign_in_at')])
      .where('account_id', 'in', accountIds.slice(i, i + 500))
      .groupBy('account_id')
      .execute();
    for (const r of rows) if (r.account_id && r.last_sign_in_at) out.set(r.account_id, r.last_sign_in_at);
  }
  return out;
}
