// Runs of a job: when each started and for which day, its heartbeat, how it ended and what it did. The daily
// trigger asks whether today's run happened; a run catches up from the day the last completed run covered.

import type { CalendarDate } from '@portal/shared/dates';
import type { TJobRun } from '@portal/shared/schemas/auto-renew';
import type { DbOrTx } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { fromJson, toJson } from '../db/json.ts';
import * as repo from './ledger-repo.ts';

/** A running run whose heartbeat is older than this has stopped (crash, kill). */
export const RUN_HEARTBEAT_STALE_MS = 5 * 60_000;

export type RunStats = Record<string, number>;

export async function startRun(
  db: DbOrTx,
  input: { job: string; forDate: CalendarDate; trigger: string; now: Date },
): Promise<string> {
  const id = newId('run');
  const nowIso = input.now.toISOString();
  await repo.insertRun(db, {
    id,
    job: input.job,
    for_date: input.forDate,
    trigger: input.trigger,
    status: 'running',
    started_at: nowIso,
    heartbeat_at: nowIso,
    finished_at: null,
    stats_json: '{}',
    error: null,
  });
  return id;
}

export async function heartbeatRun(db: DbOrTx, id: string, input: { stats: RunStats; now: Date }) {
  await repo.updateRun(db, id, { heartbeat_at: input.now.toISOString(), stats_json: toJson(input.stats) });
}

export async function finishRun(
  db: DbOrTx,
  id: string,
  input: { stats: RunStats; now: Date; error?: string },
): Promise<void> {
  const nowIso = input.now.toISOString();
  await repo.updateRun(db, id, {
    status: input.error ? 'failed' : 'succeeded',
    heartbeat_at: nowIso,
    finished_at: nowIso,
    stats_json: toJson(input.stats),
    error: input.error ?? null,
  });
}

/** The day the last completed run of the job covered (null before the first). */
export async function lastCompletedRunDate(db: DbOrTx, job: string): Promise<CalendarDate | null> {
  return repo.lastSucceededForDate(db, job);
}

/** Whether a run for the day completed or is alive now. */
export async function hasRunFor(db: DbOrTx, input: { job: string; forDate: CalendarDate; now: Date }) {
  const aliveSinceIso = new Date(input.now.getTime() - RUN_HEARTBEAT_STALE_MS).toISOString();
  return (await repo.countRunsFor(db, { job: input.job, forDate: input.forDate, aliveSinceIso })) > 0;
}

/** When the job's latest successful run started (null before the first). */
export async function lastSucceededRunStart(db: DbOrTx, job: string): Promise<string | null> {
  return (await repo.findLastSucceededRun(db, job))?.started_at ?? null;
}

/** Whether a run of the job for the day completed (a run still going does not count). */
export async function hasCompletedRunFor(db: DbOrTx, input: { job: string; forDate: CalendarDate }) {
  return repo.hasSucceededFor(db, input);
}

/** Whether a run of the job is going right now, in any process or instance (its heartbeat is fresh). */
export async function isRunAlive(db: DbOrTx, input: { job: string; now: Date }): Promise<boolean> {
  const aliveSinceIso = new Date(input.now.getTime() - RUN_HEARTBEAT_STALE_MS).toISOString();
  return (await repo.countAliveRuns(db, { job: input.job, aliveSinceIso })) > 0;
}

type RunRow = NonNullable<Awaited<ReturnType<typeof repo.findRun>>>;

function toRun(row: RunRow, now: Date): TJobRun {
  const isStale =
    row.status === 'running' && now.getTime() - new Date(row.heartbeat_at).getTime() > RUN_HEARTBEAT_STALE_MS;
  return {
    id: row.id,
    job: row.job,
    forDate: row.for_date,
    trigger: row.trigger,
    status: isStale ? 'interrupted' : (row.status as TJobRun['status']),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    stats: fromJson<Record<string, number>>(row.stats_json, {}),
    error: row.error,
  };
}

export async function listRuns(db: DbOrTx, input: { job: string; limit: number; now: Date }) {
  return (await repo.listRuns(db, input.job, input.limit)).map((row) => toRun(row, input.now));
}

export async function getRun(db: DbOrTx, id: string, now: Date): Promise<TJobRun | null> {
  const row = await repo.findRun(db, id);
  return row ? toRun(row, now) : null;
}
