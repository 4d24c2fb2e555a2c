// "Every day at an hour": a check (every minute by default) runs the job once the vendor's clock has passed
// the hour and the day's entry in the job ledger is not done. Because the check reads the clock, a demo clock
// moved forward triggers the new day's run; because the ledger is in the database and the check runs under
// the job's lease, a restart after the hour, a second process or another instance runs it once, not again.
// A failed run releases its entry, so the next check tries again.

import type { CalendarDate } from '@portal/shared/dates';
import type { Clock } from '../clock.ts';
import type { DbOrTx } from '../db/connection.ts';
import type { RecurringJob } from './engine.ts';
import { JobNotDone } from './engine.ts';
import { claimAction, completeAction, releaseAction } from './ledger.ts';

/** The hour (0–23) of an instant in a time zone. */
export function hourIn(instant: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(
    instant,
  );
  return Number(hour);
}

export const dailyKey = (job: string, day: CalendarDate) => `daily:${job}:${day}`;

export type DailyOutcome = 'not_yet' | 'done_before' | 'busy' | 'ran' | 'not_done';

/** One check of a daily job. Call it under the job's lease (the engines do). */
export async function runDailyIfDue(
  deps: { db: DbOrTx; clock: Clock },
  job: RecurringJob & { schedule: { dailyAt: number } },
  run: { id: string; claimLeaseMs: number },
): Promise<DailyOutcome> {
  const now = deps.clock.now();
  if (hourIn(now, deps.clock.timeZone) < job.schedule.dailyAt) return 'not_yet';
  const today = deps.clock.today();
  const key = dailyKey(job.name, today);
  const claim = await claimAction(deps.db, {
    key,
    job: job.name,
    runId: run.id,
    now,
    leaseMs: run.claimLeaseMs,
  });
  if (claim.kind === 'done') return 'done_before';
  if (claim.kind === 'busy') return 'busy';
  if (job.isDoneFor && (await job.isDoneFor(today))) {
    await completeAction(deps.db, key, { outcome: 'done_elsewhere', now: deps.clock.now() });
    return 'done_before';
  }
  try {
    await job.run(today);
  } catch (error) {
    await releaseAction(deps.db, key, {
      reason: error instanceof Error ? error.message : String(error),
      now: deps.clock.now(),
    });
    if (error instanceof JobNotDone) return 'not_done';
    throw error;
  }
  await completeAction(deps.db, key, { outcome: 'ran', detail: { runId: run.id }, now: deps.clock.now() });
  return 'ran';
}
