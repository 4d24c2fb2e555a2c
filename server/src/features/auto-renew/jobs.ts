// The renewal jobs as main.ts registers them: the renewal run every day at RENEWAL_RUN_HOUR (vendor's time
// zone), checked each minute against the clock and the job's own record; the renewals a payment queued for
// planning, every five minutes; and, at start, the auto-renew subscriptions that have no renewal of their
// term yet. `stop()` asks a long run to end early (it resumes the next day).

import type { AppDeps } from '../../platform/http/context.ts';
import { dailyAt } from '../../platform/jobs/daily.ts';
import type { Scheduler } from '../../platform/jobs/scheduler.ts';
import { hasRunToday, planMissingRenewals, planQueuedRenewals, runRenewalsOnce } from './run.ts';

export function registerRenewalJobs(scheduler: Scheduler, deps: AppDeps): { stop(): void } {
  const controller = new AbortController();
  scheduler.every(
    'renewals',
    60_000,
    dailyAt({
      hour: deps.config.renewals.runHour,
      clock: deps.clock,
      hasRunFor: (today) => hasRunToday(deps, today),
      run: () => runRenewalsOnce(deps, { trigger: 'schedule', signal: controller.signal }),
    }),
  );
  // New terms paid by checkout are planned within minutes (the daily run would plan them too).
  scheduler.every('auto-renew-planning', 5 * 60_000, () => planQueuedRenewals(deps));
  scheduler.every('auto-renew-backfill', 24 * 3_600_000, () => planMissingRenewals(deps));
  void scheduler.runNow('auto-renew-backfill');
  return { stop: () => controller.abort() };
}
