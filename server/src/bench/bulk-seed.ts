// The bulk database the benchmarks share (`pnpm bench:value-report`, `pnpm bench:api`): the schema and the
// catalog through the product's own code, then accounts (one customer admin each), subscriptions with a
// term history, and daily usage of 20 metrics for the first `usageSubscriptions` subscriptions, written on a
// raw better-sqlite3 handle with SQLite's own SQL (INSERT … SELECT over a cross join, in primary-key order).
// Not product code.

import { performance } from 'node:perf_hooks';
import { addDays, addYears } from '@portal/shared/dates';
import SqliteDatabase from 'better-sqlite3';
import type { AdjustableClock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { createRuntime } from '../runtime.ts';
import { seedCatalog } from '../seed/catalog.ts';

export const METRIC_COUNT = 20;

export type BulkSeedOptions = {
  config: Config;
  clock: AdjustableClock;
  accounts: number;
  subscriptionsPerAccount: number;
  /** The first N subscriptions (in id order, so the first accounts' ones) get daily usage. */
  usageSubscriptions: number;
  /** Years of usage before today. */
  years: number;
  /** Stored for every user (the benchmarks that sign in by password know it). */
  passwordHash: string;
  /** Gather statistics (ANALYZE) after the build; without it the portal's own PRAGMA optimize must. */
  analyze?: boolean;
};

export type BulkSeedResult = {
  subscriptionIds: string[];
  usageRows: number;
  buildMs: number;
  usageMs: number;
};

export const benchAccountId = (a: number) => `acct_b${String(a).padStart(6, '0')}`;
export const benchUserId = (a: number) => `usr_b${a}`;
export const benchUserEmail = (a: number) => `user${a}@bench.example`;
export const benchSubscriptionId = (s: number) => `sub_b${String(s).padStart(7, '0')}`;

export async function buildBenchDatabase(options: BulkSeedOptions): Promise<BulkSeedResult> {
  const { config, clock } = options;
  const nowIso = clock.now().toISOString();
  const today = clock.today();
  const runtime = await createRuntime({ config, clock, logger: createLogger('silent') });
  const builtIn = await runtime.db.selectFrom('metrics').select('code').execute();
  await runtime.db.transaction().execute(async (tx) => {
    await seedCatalog(tx, nowIso);
    for (let i = 1; i <= METRIC_COUNT - builtIn.length; i++) {
      await tx
        .insertInto('metrics')
        .values({
          code: `bench_metric_${i}`,
          name: `Benchmark metric ${i}`,
          description: '',
          unit: 'count',
          aggregation: i % 2 ? 'sum' : 'average',
          value_per_unit_minutes: i === 1 ? 2 : null,
          module: null,
          is_builtin: 0,
          created_at: nowIso,
        })
        .execute();
    }
  });
  await runtime.close();

  const build = performance.now();
  const sqlite = new SqliteDatabase(config.databasePath);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -1000000');
  sqlite.pragma('temp_store = MEMORY');
  const insertAccount = sqlite.prepare(
    `insert into accounts (id, name, currency, locale, country, created_at, updated_at)
     values (?, ?, 'USD', 'en', 'US', ?, ?)`,
  );
  const insertUser = sqlite.prepare(
    `insert into users (id, account_id, email, name, role, locale, password_hash, status, created_at, updated_at)
     values (?, ?, ?, ?, 'customer_admin', 'en', ?, 'active', ?, ?)`,
  );
  const insertSubscription = sqlite.prepare(
    `insert into subscriptions (id, account_id, plan_id, label, seats, currency, unit_price_minor, term_start,
       term_end, created_at, updated_at)
     values (?, ?, 'plan_professional', ?, ?, 'USD', 48000, ?, ?, ?, ?)`,
  );
  const insertEvent = sqlite.prepare(
    `insert into subscription_events (id, subscription_id, type, at, actor_label, data) values (?, ?, ?, ?, 'bench', ?)`,
  );
  const subscriptionIds: string[] = [];
  sqlite.transaction(() => {
    for (let a = 0; a < options.accounts; a++) {
      const accountId = benchAccountId(a);
      insertAccount.run(accountId, `Bench account ${a}`, nowIso, nowIso);
      insertUser.run(
        benchUserId(a),
        accountId,
        benchUserEmail(a),
        `User ${a}`,
        options.passwordHash,
        nowIso,
        nowIso,
      );
      for (let k = 0; k < options.subscriptionsPerAccount; k++) {
        const s = a * options.subscriptionsPerAccount + k;
        const id = benchSubscriptionId(s);
        const termEnd = addDays(today, 1 + (s % 365));
        const termStart = addYears(termEnd, -1);
        insertSubscription.run(
          id,
          accountId,
          `Workspace ${s}`,
          50 + (s % 450),
          termStart,
          termEnd,
          nowIso,
          nowIso,
        );
        for (let y = options.years; y >= 0; y--) {
          const start = addYears(termStart, -y);
          insertEvent.run(
            `sev_b${s}_${y}`,
            id,
            y === options.years ? 'created' : 'renewed',
            `${start}T09:00:00.000Z`,
            JSON.stringify({ termStart: start, termEnd: addYears(start, 1) }),
          );
        }
        subscriptionIds.push(id);
      }
    }
  })();

  const days = Math.round(options.years * 365.25);
  const firstDay = addDays(today, -days);
  sqlite.exec('create temp table bench_days (date text primary key) without rowid');
  const insertDay = sqlite.prepare('insert into bench_days values (?)');
  sqlite.transaction(() => {
    for (let d = 0; d < days; d++) insertDay.run(addDays(firstDay, d));
  })();
  const usageBuild = performance.now();
  const insertUsage = sqlite.prepare(
    `insert into usage_daily (subscription_id, metric, date, value)
     select ?, m.code, d.date, abs(random() % 500)
     from metrics m, bench_days d
     order by m.code, d.date`,
  );
  sqlite.transaction(() => {
    for (const id of subscriptionIds.slice(0, options.usageSubscriptions)) insertUsage.run(id);
  })();
  const usageRows = (sqlite.prepare('select count(*) as n from usage_daily').get() as { n: number }).n;
  // usage_monthly and usage_stamps as ingestion keeps them (features/value-reports/repo.ts refreshMonthlyUsage).
  sqlite.exec(
    `insert into usage_monthly (subscription_id, metric, month, days, value_sum, value_max, last_date, last_value)
     select subscription_id, metric, substr(date, 1, 7), count(*), sum(value), max(value), max(date), 0
     from usage_daily group by subscription_id, metric, substr(date, 1, 7)`,
  );
  sqlite.exec(
    `update usage_monthly set last_value = (select d.value from usage_daily d
       where d.subscription_id = usage_monthly.subscription_id and d.metric = usage_monthly.metric
         and d.date = usage_monthly.last_date)`,
  );
  sqlite.exec(
    `insert into usage_stamps (subscription_id, stamp)
     select subscription_id, lower(hex(randomblob(12))) from (select distinct subscription_id from usage_monthly)`,
  );
  if (options.analyze) sqlite.exec('analyze');
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  const end = performance.now();
  return { subscriptionIds, usageRows, buildMs: end - build, usageMs: end - usageBuild };
}
