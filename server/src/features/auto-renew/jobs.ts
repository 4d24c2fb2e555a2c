// The renewal jobs as the composition root registers them with the job engine: the renewal run every day at
// RENEWAL_RUN_HOUR (vendor's time zone; once across all instances, the job ledger records the day); the
// renewals a payment queued for planning, every five minutes; and the auto-renew subscriptions that have no
// renewal of their term yet, daily and at start. `stop()` asks a long run to end early: the day is then not
// recorded as done, and the next check (here or on another instance) resumes it.

import type { AppDeps } from '../../platform/http/context.ts';
import { type JobEngine, JobNotDone } from '../../platform/jobs/engine.ts';
import { hasCompletedRunFor, planMissingRenewals, planQueuedRenewals, runRenewalsOnce } from './run.ts';

export const RENEWAL_BACKFILL_JOB = 'auto-renew-backfill';

export function registerRenewalJobs(jobs: JobEngine, deps: AppDeps): { stop(): void } {
  const controller = new AbortController();
  jobs.schedule({
    name: 'renewals',
    schedule: { dailyAt: deps.config.renewals.runHour, checkEveryMs: deps.config.jobs.dailyCheckMs },
    isDoneFor: (today) => hasCompletedRunFor(deps, today),
    run: async () => {
      // Its claims live as long as the job's lease: a -9 leaves them to the next holder within that ttl.
      const report = await runRenewalsOnce(deps, {
        trigger: 'schedule',
        signal: controller.signal,
        leaseMs: deps.config.jobs.leaseTtlMs,
      });
      if (!report.isComplete) throw new JobNotDone('not all done; the next check resumes');
    },
  });
  // New terms paid by checkout are planned within minutes (the daily run would plan them too).
  jobs.schedule({
    name: 'auto-renew-planning',
    schedule: { every: 5 * 60_000 },
    run: () => planQueuedRenewals(deps),
  });
  jobs.schedule({
    name: RENEWAL_BACKFILL_JOB,
    schedule: { every: 24 * 3_600_000 },
    run: () => planMissingRenewals(deps),
  });
  return { stop: () => controller.abort() };
}
