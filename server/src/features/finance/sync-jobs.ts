// What runs the sync: `pnpm finance:sync`, the daily job, the frequent "payouts waiting to be itemised" job, and
// finance's "Sync now" button. Each is a Stripe sync followed by a reconciliation of what it brought.

import type { CalendarDate } from '@portal/shared/dates';
import { startOfDayIn } from '@portal/shared/dates';
import type { TSyncStatus } from '@portal/shared/schemas/finance';
import type { AppDeps } from '../../platform/http/context.ts';
import { type JobEngine, JobNotDone } from '../../platform/jobs/engine.ts';
import { isLeaseHeld } from '../../platform/jobs/leases.ts';
import { lastSucceededRunStart, listRuns } from '../../platform/jobs/runs.ts';
import { type ReconcileOutcome, runReconciliation } from './reconciliation/reconcile-service.ts';
import {
  FINANCE_SYNC_JOB,
  hasPayoutsToLink,
  PAYOUT_SYNC_JOB,
  runStripeSync,
  SYNC_LEASE_NAME,
  type SyncOptions,
  type SyncOutcome,
} from './sync/stripe-sync.ts';
import * as repo from './sync/sync-repo.ts';

export type FinanceSyncResult = { sync: SyncOutcome; reconciliation: ReconcileOutcome | null };

/** Sync from Stripe, then reconcile (unless another sync was already running). */
export async function runFinanceSync(deps: AppDeps, options: SyncOptions): Promise<FinanceSyncResult> {
  const sync = await runStripeSync(deps, options);
  if (sync.status === 'skipped') return { sync, reconciliation: null };
  return { sync, reconciliation: await runReconciliation(deps) };
}

/**
 * Finance's jobs: the sync and reconciliation daily at FINANCE_SYNC_HOUR (once across all instances; a sync
 * that succeeded since the day began, e.g. by hand, counts; one that found another running is tried again),
 * the payouts waiting to be itemised every five minutes (the safety net), and the same soon after a payout
 * webhook (queued once per burst by syncPayoutFromStripe).
 */
export function registerFinanceJobs(jobs: JobEngine, deps: AppDeps): void {
  jobs.schedule({
    name: 'finance-sync',
    schedule: { dailyAt: deps.config.financeSyncHour, checkEveryMs: deps.config.jobs.dailyCheckMs },
    isDoneFor: (today) => hasSyncSucceededSince(deps, today),
    run: async () => {
      const { sync } = await runFinanceSync(deps, { trigger: 'schedule' });
      if (sync.status === 'skipped') throw new JobNotDone('another sync was running');
    },
  });
  jobs.schedule({
    name: 'finance-payouts',
    schedule: { every: 5 * 60_000 },
    run: () => syncIfPayoutsWaiting(deps),
  });
  jobs.define({ name: PAYOUT_SYNC_JOB, run: () => syncIfPayoutsWaiting(deps) });
  jobs.define({ name: MANUAL_SYNC_JOB, run: () => runFinanceSync(deps, { trigger: 'manual' }) });
}

const MANUAL_SYNC_JOB = 'finance-sync-now';

async function hasSyncSucceededSince(deps: AppDeps, day: CalendarDate): Promise<boolean> {
  const lastStart = await lastSucceededRunStart(deps.db, FINANCE_SYNC_JOB);
  return lastStart !== null && lastStart >= startOfDayIn(day, deps.clock.timeZone).toISOString();
}

/** After `payout.paid`/`payout.failed` webhooks: itemise the payout soon, not tomorrow. */
export async function syncIfPayoutsWaiting(deps: AppDeps): Promise<FinanceSyncResult | null> {
  if (!(await hasPayoutsToLink(deps))) return null;
  return runFinanceSync(deps, { trigger: 'webhook' });
}

/**
 * Starts a sync without waiting for it (finance's button: a large backfill takes minutes at Stripe's rate).
 * Returns false when one is already running. Failures are logged and kept in the run log.
 */
export async function startFinanceSync(deps: AppDeps): Promise<boolean> {
  if (await isSyncRunning(deps)) return false;
  // With a job engine: queued, so any instance runs it and an instance that dies does not lose it.
  if (deps.jobs) return deps.jobs.enqueue(MANUAL_SYNC_JOB, {}, { singletonKey: 'manual' });
  void runFinanceSync(deps, { trigger: 'manual' }).catch((err) =>
    deps.logger.error({ err }, 'finance sync failed'),
  );
  return true;
}

function isSyncRunning(deps: AppDeps): Promise<boolean> {
  return isLeaseHeld(deps.db, SYNC_LEASE_NAME, () => deps.clock.now().getTime());
}

const iso = (unix: number | null) => (unix === null ? null : new Date(unix * 1000).toISOString());

export async function getSyncStatus(deps: AppDeps): Promise<TSyncStatus> {
  const [streams, runs, isRunning] = await Promise.all([
    repo.listStreams(deps.db),
    listRuns(deps.db, { job: FINANCE_SYNC_JOB, limit: 10, now: deps.clock.now() }),
    isSyncRunning(deps),
  ]);
  return {
    streams: streams.map((s) => ({
      stream: s.stream,
      syncedThrough: iso(s.cursor_created),
      isResuming: s.window_lte !== null,
      lastCompletedAt: s.last_completed_at,
    })),
    runs: runs.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      status: r.status === 'interrupted' ? 'failed' : r.status,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      requests: r.stats.requests ?? 0,
      rateLimited: r.stats.rate_limited ?? 0,
      transactions: r.stats.transactions ?? 0,
      payouts: r.stats.payouts ?? 0,
      error: r.status === 'interrupted' ? 'interrupted (the process stopped)' : r.error,
    })),
    isRunning,
    requestsPerSecond: deps.config.stripe.ratePerSecond,
  };
}
