// Issue 12 items 2–4 (jobs): one lease table for every "one at a time across processes" need (scheduled jobs
// on the in-process adapter, the finance sync; it replaces finance_locks), the in-process adapter's queue of
// one-off work (a partial unique index makes a singleton key hold one queued job per name), and the shared
// Stripe rate budget (one token bucket row per Stripe account, updated by compare-and-set on a version).
// Lease and budget times are real time in epoch milliseconds (never the demo clock: a lease is about a
// process being alive, a rate about Stripe's seconds).

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('job_queue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('singleton_key', 'text')
    .addColumn('payload_json', 'text', (c) => c.notNull())
    /** 'queued' | 'running' | 'done' | 'failed'. */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('run_after_ms', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until_ms', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('job_queue_singleton')
    .on('job_queue')
    .columns(['name', 'singleton_key'])
    .unique()
    .where(sql.ref('state'), '=', 'queued')
    .execute();
  await db.schema.createIndex('job_queue_due').on('job_queue').columns(['state', 'run_after_ms']).execute();

  await db.schema
    .createTable('stripe_rate_budgets')
    .addColumn('account', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    .addColumn('refilled_at_ms', 'bigint', (c) => c.notNull())
    /** After a 429: nobody calls this account before then. */
    .addColumn('paused_until_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    /** Bumped by every write: a writer whose read is stale changes nothing and reads again. */
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.dropTable('finance_locks').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('finance_locks')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.dropTable('stripe_rate_budgets').ifExists().execute();
  await db.schema.dropIndex('job_queue_due').ifExists().execute();
  await db.schema.dropIndex('job_queue_singleton').ifExists().execute();
  await db.schema.dropTable('job_queue').ifExists().execute();
  await db.schema.dropTable('job_leases').ifExists().execute();
}
