// How either engine runs one occurrence of a recurring job: under the job's lease in the database (taken by
// one process at a time, renewed while the job works, kept after the run until the interval is over so the
// job runs at most once per interval across all processes), with the clock refreshed from the database first,
// and, for a daily job, behind the daily check.

import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import type { Logger } from '../logger.ts';
import { runDailyIfDue } from './daily.ts';
import { intervalOf, type RecurringJob } from './engine.ts';
import { keepLeaseAlive, type RealTime, realTime, tryTakeLease } from './leases.ts';

export type RunnerDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Before each run (e.g. read the demo clock's offset from the database). */
  beforeRun?: () => Promise<void>;
  /** A lease not renewed for this long is over (its holder died). */
  leaseTtlMs?: number;
  now?: RealTime;
};

export const DEFAULT_LEASE_TTL_MS = 60_000;

export const jobLeaseName = (job: string) => `job:${job}`;

export type RecurringOutcome = 'busy' | 'ran' | 'not_yet' | 'done_before' | 'not_done';

/**
 * Runs `work` holding the job's lease (renewed while it works), or answers 'busy' when another process or
 * instance holds it. The engines run every occurrence of a recurring job through this; an entry point that
 * runs a job's work itself (`pnpm renewals:run`) does too, so the two never overlap.
 */
export async function runExclusive<T>(
  deps: Pick<RunnerDeps, 'db' | 'logger' | 'leaseTtlMs' | 'now'>,
  jobName: string,
  work: (runId: string) => Promise<T>,
  options: { keepUntilMs?: (startedMs: number) => number } = {},
): Promise<T | 'busy'> {
  const now = deps.now ?? realTime;
  const ttlMs = deps.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  const runId = newId('jrun');
  const lease = await tryTakeLease(deps.db, { name: jobLeaseName(jobName), owner: runId, ttlMs, now });
  if (!lease) return 'busy';
  // Which process holds the job (the lease's owner is the run id): for ops, and for the instances test.
  deps.logger.info({ job: jobName, runId }, 'job started');
  const startedMs = now();
  const beat = keepLeaseAlive(lease, ttlMs, (err) =>
    err
      ? deps.logger.warn({ job: jobName, err }, 'job lease could not be renewed')
      : deps.logger.warn({ job: jobName }, 'job lease lost while running'),
  );
  try {
    return await work(runId);
  } finally {
    beat.stop();
    const keepUntilMs = options.keepUntilMs?.(startedMs) ?? 0;
    await lease.release({ keepUntilMs }).catch((err) => deps.logger.warn({ err }, 'job lease release'));
  }
}

export async function runRecurringOnce(
  deps: RunnerDeps,
  job: RecurringJob,
  options: { keepForInterval: boolean },
): Promise<RecurringOutcome> {
  const ttlMs = deps.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  return runExclusive(
    deps,
    job.name,
    async (runId): Promise<RecurringOutcome> => {
      await deps.beforeRun?.();
      if ('dailyAt' in job.schedule) {
        return runDailyIfDue(deps, { ...job, schedule: job.schedule }, { id: runId, claimLeaseMs: ttlMs });
      }
      await job.run(deps.clock.today());
      return 'ran';
    },
    options.keepForInterval ? { keepUntilMs: (startedMs) => startedMs + intervalOf(job.schedule) } : {},
  );
}
