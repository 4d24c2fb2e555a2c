// The one interface for everything scheduled or queued (DESIGN.md §3: jobs/ runs jobs that features define and
// the composition root registers). Two adapters: the job engine on PostgreSQL (pg-boss, pg-boss-engine.ts)
// and a small in-process one on SQLite (local-engine.ts). Whatever the adapter, a recurring job runs at most
// once per interval across every process and instance, never twice at once (a lease in the database), a
// daily job once per vendor day (the job ledger is the record), and one-off work queued with a singleton key
// is queued once however many callers ask.

import type { CalendarDate } from '@portal/shared/dates';

export type Schedule =
  /** Every `intervalMs`, across all instances together. */
  | { every: number }
  /** Once a day after `hour` in the vendor's time zone, by the (demo) clock; checked each `checkEveryMs`. */
  | { dailyAt: number; checkEveryMs?: number };

export type RecurringJob = {
  name: string;
  schedule: Schedule;
  /** For a daily job, `today` is the vendor's day it runs for. */
  run(today: CalendarDate): Promise<unknown>;
  /** Daily jobs: whether the day's work was already done elsewhere (e.g. a run started by hand). */
  isDoneFor?(today: CalendarDate): Promise<boolean>;
};

export type OneOffJob<P> = { name: string; run(payload: P): Promise<unknown> };

export type EnqueueOptions = {
  /** At most one queued job per name and key: a second enqueue while one waits is a no-op. */
  singletonKey?: string;
  /** Not before this many ms from now. */
  delayMs?: number;
};

export type JobEngine = {
  readonly kind: 'local' | 'pg-boss';
  schedule(job: RecurringJob): void;
  define<P extends object>(job: OneOffJob<P>): void;
  /** Queues one-off work for a defined job; false when a singleton was already queued. */
  enqueue(name: string, payload?: object, options?: EnqueueOptions): Promise<boolean>;
  /** Runs a recurring job now in this process (start-up catch-up), unless it runs elsewhere right now. */
  runNow(name: string): Promise<void>;
  start(): Promise<void>;
  /** Stops taking work and waits for what runs here to end. */
  stop(): Promise<void>;
};

/**
 * A daily job's work is done for the day, but not completely (stopped early, or another runner had the work):
 * the engine records nothing and tries again at the next check.
 */
export class JobNotDone extends Error {
  override readonly name = 'JobNotDone';
}

export const DEFAULT_DAILY_CHECK_MS = 60_000;

export function intervalOf(schedule: Schedule): number {
  return 'every' in schedule ? schedule.every : (schedule.checkEveryMs ?? DEFAULT_DAILY_CHECK_MS);
}
