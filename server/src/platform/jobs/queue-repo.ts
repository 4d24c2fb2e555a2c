// SQL of the in-process adapter's queue of one-off work. A job is taken by an update guarded by its state (or
// by the lock of a runner that died), so two processes never take the same job.

import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connection.ts';
import type { JobQueueTable } from '../db/schema.ts';

/** Queues the job; false when a job with the same name and singleton key is already queued. */
export async function insertJob(db: DbOrTx, row: Insertable<JobQueueTable>): Promise<boolean> {
  const result = await db
    .insertInto('job_queue')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Queued jobs of these names that are due, and running ones whose runner's lock ran out. */
export async function listTakeable(db: DbOrTx, input: { names: string[]; nowMs: number; limit: number }) {
  if (input.names.length === 0) return [];
  return db
    .selectFrom('job_queue')
    .select(['id', 'name', 'payload_json', 'attempts'])
    .where('name', 'in', input.names)
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'queued'), eb('run_after_ms', '<=', input.nowMs)]),
        eb.and([eb('state', '=', 'running'), eb('locked_until_ms', '<=', input.nowMs)]),
      ]),
    )
    .orderBy('run_after_ms')
    .limit(input.limit)
    .execute();
}

/** Takes the job for this runner; false when another took it first. */
export async function takeJob(
  db: DbOrTx,
  input: { id: string; owner: string; nowMs: number; lockedUntilMs: number },
): Promise<boolean> {
  const result = await db
    .updateTable('job_queue')
    .set((eb) => ({
      state: 'running',
      locked_by: input.owner,
      locked_until_ms: input.lockedUntilMs,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', input.id)
    .where((eb) =>
      eb.or([
        eb('state', '=', 'queued'),
        eb.and([eb('state', '=', 'running'), eb('locked_until_ms', '<=', input.nowMs)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function extendLock(db: DbOrTx, input: { id: string; owner: string; lockedUntilMs: number }) {
  await db
    .updateTable('job_queue')
    .set({ locked_until_ms: input.lockedUntilMs })
    .where('id', '=', input.id)
    .where('locked_by', '=', input.owner)
    .execute();
}

export async function finishJob(
  db: DbOrTx,
  input: { id: string; owner: string; state: 'done' | 'failed'; finishedAt: string; error: string | null },
): Promise<void> {
  await db
    .updateTable('job_queue')
    .set({ state: input.state, finished_at: input.finishedAt, error: input.error, locked_until_ms: null })
    .where('id', '=', input.id)
    .where('locked_by', '=', input.owner)
    .execute();
}

/** Puts a failed attempt back in the queue for later; false when another job with its key is queued. */
export async function requeueJob(
  db: DbOrTx,
  input: { id: string; owner: string; runAfterMs: number; error: string },
): Promise<boolean> {
  try {
    const result = await db
      .updateTable('job_queue')
      .set({ state: 'queued', run_after_ms: input.runAfterMs, error: input.error, locked_until_ms: null })
      .where('id', '=', input.id)
      .where('locked_by', '=', input.owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  } catch {
    return false; // the singleton key is queued again already: that job does the work
  }
}

/** Old finished jobs (the queue is work, not history: runs and the ledger keep the record). */
export async function deleteFinishedBefore(db: DbOrTx, beforeIso: string): Promise<void> {
  await db
    .deleteFrom('job_queue')
    .where('state', 'in', ['done', 'failed'])
    .where('finished_at', '<', beforeIso)
    .execute();
}
