// Issue 12 item 8: the value report's monthly aggregates, kept up to date at ingestion (one row per
// subscription, metric and calendar month: days reported, sum, maximum, and the value on the last day
// reported). A report then reads about a dozen rows per metric instead of a year of daily rows; only the
// partial months at the edges of a term still come from usage_daily. Filled here from the existing rows.

import { type Kysely, SqliteAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  let monthly = db.schema
    .createTable('usage_monthly')
    .addColumn('subscription_id', 'text', (c) =>
      c.notNull().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('metric', 'text', (c) => c.notNull().references('metrics.code'))
    /** YYYY-MM. */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('value_sum', 'real', (c) => c.notNull())
    .addColumn('value_max', 'real', (c) => c.notNull())
    .addColumn('last_date', 'text', (c) => c.notNull())
    .addColumn('last_value', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_monthly_pk', ['subscription_id', 'metric', 'month']);
  if (isSqlite) monthly = monthly.modifyEnd(sql`without rowid`);
  await monthly.execute();

  await sql`
    insert into usage_monthly (subscription_id, metric, month, days, value_sum, value_max, last_date, last_value)
    select subscription_id, metric, substr(date, 1, 7), count(*), sum(value), max(value), max(date), 0
    from usage_daily
    group by subscription_id, metric, substr(date, 1, 7)`.execute(db);
  await sql`
    update usage_monthly set last_value = (
      select d.value from usage_daily d
      where d.subscription_id = usage_monthly.subscription_id
        and d.metric = usage_monthly.metric
        and d.date = usage_monthly.last_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('usage_monthly').ifExists().execute();
}
