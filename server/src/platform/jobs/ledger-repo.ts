// SQL of the job ledger and the job runs. Portable Kysely only: the claim is an insert that a unique key
// refuses, the take-over an update guarded by the lease, so the same code holds on PostgreSQL.

import type { Insertable, Updateable } from 'kysely';
import type { DbOrTx } from '../db/connection.ts';
import type { JobLedgerTable, JobRunTable } from '../db/schema.ts';

/** Inserts the entry unless its key exists; true when this call recorded it. */
export async function insertEntry(db: DbOrTx, row: Insertable<JobLedgerTable>): Promise<boolean> {
  const result = await db
    .insertInto('job_ledger')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findEntry(db: DbOrTx, key: string) {
  return db.selectFrom('job_ledger').selectAll().where('key', '=', key).executeTakeFirst();
}

/** The run is alive: its open claims are leased until `leaseUntilIso` (never shortened). */
export async function extendClaimsOf(db: DbOrTx, runId: string, leaseUntilIso: string): Promise<void> {
  await db
    .updateTable('job_ledger')
    .set({ lease_until: leaseUntilIso })
    .where('run_id', '=', runId)
    .where('status', '=', 'claimed')
    .where('lease_until', '<', leaseUntilIso)
    .execute();
}

/** A claim whose lease has run out (its runner stopped) passes to this run; true when it did. */
export async function takeOverExpired(
  db: DbOrTx,
  key: string,
  input: { runId: string; nowIso: string; leaseUntilIso: string },
): Promise<boolean> {
  const result = await db
    .updateTable('job_ledger')
    .set((eb) => ({
      run_id: input.runId,
      claimed_at: input.nowIso,
      lease_until: input.leaseUntilIso,
      attempts: eb('attempts', '+', 1),
    }))
    .where('key', '=', key)
    .where('status', '=', 'claimed')
    .where('lease_until', '<=', input.nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markDone(
  db: DbOrTx,
  key: string,
  input: { outcome: string; detailJson: string | null; nowIso: string },
): Promise<void> {
  await db
    .updateTable('job_ledger')
    .set({ status: 'done', outcome: input.outcome, detail_json: input.detailJson, finished_at: input.nowIso })
    .where('key', '=', key)
    .execute();
}

/** Ends the lease now, so that the next run resumes the action at once (a transient failure). */
export async function releaseLease(db: DbOrTx, key: string, input: { nowIso: string; detailJson: string }) {
  await db
    .updateTable('job_ledger')
    .set({ lease_until: input.nowIso, detail_json: input.detailJson })
    .where('key', '=', key)
    .where('status', '=', 'claimed')
    .execute();
}

export async function insertRun(db: DbOrTx, row: Insertable<JobRunTable>): Promise<void> {
  await db.insertInto('job_runs').values(row).execute();
}

export async function updateRun(db: DbOrTx, id: string, values: Updateable<JobRunTable>): Promise<void> {
  await db.updateTable('job_runs').set(values).where('id', '=', id).execute();
}

export async function listRuns(db: DbOrTx, job: string, limit: number) {
  return db
    .selectFrom('job_runs')
    .selectAll()
    .where('job', '=', job)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findRun(db: DbOrTx, id: string) {
  return db.selectFrom('job_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest day a run of the job completed for. */
export async function lastSucceededForDate(db: DbOrTx, job: string): Promise<string | null> {
  const row = await db
    .selectFrom('job_runs')
    .select((eb) => eb.fn.max('for_date').as('for_date'))
    .where('job', '=', job)
    .where('status', '=', 'succeeded')
    .executeTakeFirst();
  return row?.for_date ?? null;
}

/** Runs of the job for a day that succeeded, or are running with a heartbeat since `aliveSinceIso`. */
export async function countRunsFor(
  db: DbOrTx,
  input: { job: string; forDate: string; aliveSinceIso: string },
): Promise<number> {
  const row = await db
    .selectFrom('job_runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('job', '=', input.job)
    .where('for_date', '=', input.forDate)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'succeeded'),
        eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '>=', input.aliveSinceIso)]),
      ]),
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Runs of the job (any day) still running with a heartbeat since `aliveSinceIso`. */
export async function countAliveRuns(db: DbOrTx, input: { job: string; aliveSinceIso: string }) {
  const row = await db
    .selectFrom('job_runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('job', '=', input.job)
    .where('status', '=', 'running')
    .where('heartbeat_at', '>=', input.aliveSinceIso)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether a run of the job for the day succeeded. */
export async function hasSucceededFor(db: DbOrTx, input: { job: string; forDate: string }) {
  const row = await db
    .selectFrom('job_runs')
    .select('id')
    .where('job', '=', input.job)
    .where('for_date', '=', input.forDate)
    .where('status', '=', 'succeeded')
    .executeTakeFirst();
  return row !== undefined;
}

/** The job's latest run that succeeded. */
export async function findLastSucceededRun(db: DbOrTx, job: string) {
  return db
    .selectFrom('job_runs')
    .selectAll()
    .where('job', '=', job)
    .where('status', '=', 'succeeded')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
