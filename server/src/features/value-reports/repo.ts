// SQL of value reports: the metric catalog, API keys, daily usage (upserts and aggregates) and the few facts
// about subscriptions and users that reports and health read. Aggregation happens here, in the database:
// callers receive one row per metric and month (or per subscription and metric), never the daily rows.

import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/connection.ts';
import type { ApiKeyTable, MetricTable, UsageDailyTable } from '../../platform/db/schema.ts';

// ---- metric catalog ----

export async function listMetrics(db: DbOrTx) {
  return db.selectFrom('metrics').selectAll().orderBy('is_builtin', 'desc').orderBy('code').execute();
}

export async function findMetric(db: DbOrTx, code: string) {
  return db.selectFrom('metrics').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertMetric(
  db: DbOrTx,
  row: Omit<MetricTable, 'is_builtin' | 'description'> & {
    description: string;
  },
) {
  await db
    .insertInto('metrics')
    .values({ ...row, is_builtin: 0 })
    .execute();
}

// ---- API keys ----

export async function listApiKeys(db: DbOrTx) {
  return db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function findApiKey(db: DbOrTx, id: string) {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findActiveApiKeyByHash(db: DbOrTx, keyHash: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'last_used_at'])
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function insertApiKey(db: DbOrTx, row: ApiKeyTable) {
  await db.insertInto('api_keys').values(row).execute();
}

export async function touchApiKey(db: DbOrTx, id: string, nowIso: string) {
  await db.updateTable('api_keys').set({ last_used_at: nowIso }).where('id', '=', id).execute();
}

export async function revokeApiKey(db: DbOrTx, id: string, nowIso: string, byLabel: string) {
  await db
    .updateTable('api_keys')
    .set({ revoked_at: nowIso, revoked_by_label: byLabel })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

// ---- ingestion ----

/** Of the given ids, those that name a subscription (of any account: usage keys are vendor-wide). */
export async function findExistingSubscriptionIds(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
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

/** Inserts or replaces each (subscription, metric, date); the caller supplies the transaction. */
export async function upsertUsage(db: DbOrTx, rows: readonly UsageDailyTable[]): Promise<void> {
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
}

// ---- report aggregates ----

export async function findPlanCoreModules(db: DbOrTx, planId: string): Promise<string | null> {
  const row = await db.selectFrom('plans').select('core_modules').where('id', '=', planId).executeTakeFirst();
  return row?.core_modules ?? null;
}

const month = sql<string>`substr(date, 1, 7)`;

export type MonthlyAggregate = {
  metric: string;
  month: string;
  days: number;
  sum: number;
  max: number;
};

/**
 * Per metric and calendar month of [start, end): days reported, sum and maximum. Naming the metrics lets the
 * engine read one primary-key range per metric instead of all of the subscription's history.
 */
export async function monthlyAggregates(
  db: DbOrTx,
  subscriptionId: string,
  metrics: readonly string[],
  start: string,
  end: string,
): Promise<MonthlyAggregate[]> {
  if (metrics.length === 0) return [];
  const rows = await db
    .selectFrom('usage_daily')
    .select((eb) => [
      'metric',
      month.as('month'),
      eb.fn.countAll<number>().as('days'),
      eb.fn.sum<number>('value').as('sum'),
      eb.fn.max<number>('value').as('max'),
    ])
    .where('subscription_id', '=', subscriptionId)
    .where('metric', 'in', metrics)
    .where('date', '>=', start)
    .where('date', '<', end)
    .groupBy(['metric', month])
    .execute();
  return rows.map((r) => ({ ...r, days: Number(r.days), sum: Number(r.sum), max: Number(r.max) }));
}

/** The value on the last reported day of each month, for metrics aggregated as 'last'. */
export async function monthlyLastValues(
  db: DbOrTx,
  subscriptionId: string,
  start: string,
  end: string,
  metrics: readonly string[],
): Promise<{ metric: string; month: string; date: string; value: number }[]> {
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

export async function hasUsageBefore(db: DbOrTx, subscriptionId: string, date: string): Promise<boolean> {
  const row = await db
    .selectFrom('usage_daily')
    .select('date')
    .where('subscription_id', '=', subscriptionId)
    .where('date', '<', date)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
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
  db: DbOrTx,
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
  db: DbOrTx,
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
  db: DbOrTx,
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
