// Issue 12 item 2 (jobs): one run log. The finance sync's runs move from `finance_sync_runs` into `job_runs`
// (job 'finance-sync', its counters as the run's stats, the vendor day taken from the start in UTC); the
// table is dropped. Rows are copied in code, not SQL, because building JSON differs between SQLite and
// PostgreSQL; the history is small (one run a day, plus the manual ones).

import type { Kysely } from 'kysely';

type OldRun = {
  id: string;
  trigger: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  requests: number;
  rate_limited: number;
  transactions: number;
  payouts: number;
  error: string | null;
};

export async function up(db: Kysely<unknown>): Promise<void> {
  const old = db as unknown as Kysely<{ finance_sync_runs: OldRun; job_runs: Record<string, unknown> }>;
  const rows = await old.selectFrom('finance_sync_runs').selectAll().execute();
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    if (chunk.length === 0) break;
    await old
      .insertInto('job_runs')
      .values(
        chunk.map((r) => ({
          id: r.id,
          job: 'finance-sync',
          for_date: r.started_at.slice(0, 10),
          trigger: r.trigger,
          // A run left 'running' by a stopped process has no heartbeat to go by: it was interrupted.
          status: r.status === 'running' ? 'failed' : r.status,
          started_at: r.started_at,
          heartbeat_at: r.finished_at ?? r.started_at,
          finished_at: r.finished_at ?? r.started_at,
          stats_json: JSON.stringify({
            requests: Number(r.requests),
            rate_limited: Number(r.rate_limited),
            transactions: Number(r.transactions),
            payouts: Number(r.payouts),
          }),
          error: r.status === 'running' ? 'interrupted (the process stopped)' : r.error,
        })),
      )
      .execute();
  }
  await db.schema.dropTable('finance_sync_runs').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('finance_sync_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('requests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rate_limited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transactions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payouts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('finance_sync_runs_started_idx')
    .on('finance_sync_runs')
    .column('started_at')
    .execute();
}
