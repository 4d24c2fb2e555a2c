// What runs the sync: `pnpm finance:sync`, the daily job, the frequent "payouts waiting to be itemised" job, and
// finance's "Sync now" button. Each is a Stripe sync followed by a reconciliation of what it brought.

import { startOfDayIn } from '@portal/shared/dates';
import type { TSyncStatus } from '@portal/shared/schemas/finance';
import type { AppDeps } from '../../platform/http/context.ts';
import { dailyAt } from '../../platform/jobs/daily.ts';
import { type ReconcileOutcome, runReconciliation } from './reconciliation/reconcile-service.ts';
import { hasPayoutsToLink, runStripeSync, type SyncOptions, type SyncOutcome } from './sync/stripe-sync.ts';
import * as repo from './sync/sync-repo.ts';

export type FinanceSyncResult = { sync: SyncOutcome; reconciliation: ReconcileOutcome | null };

/** Sync from Stripe, then reconcile (unless another sync was already running). */
export async function runFinanceSync(deps: AppDeps, options: SyncOptions): Promise<FinanceSyncResult> {
  const sync = await runStripeSync(deps, options);
  if (sync.status === 'skipped') return { sync, reconciliation: null };
  return { sync, reconciliation: await runReconciliation(deps) };
}

/**
 * The scheduler calls this every minute; once the vendor's day has passed FINANCE_SYNC_HOUR and no sync has
 * succeeded since that day began, it runs one (a restart does not run it twice; a failed run is tried again).
 */
export function runDailySyncIfDue(deps: AppDeps): Promise<unknown> {
  return dailyAt({
    hour: deps.config.financeSyncHour,
    clock: deps.clock,
    hasRunFor: async (today) => {
      const last = await repo.findLastSucceededRun(deps.db);
      return last !== undefined && last.started_at >= startOfDayIn(today, deps.clock.timeZone).toISOString();
    },
    run: () => runFinanceSync(deps, { trigger: 'schedule' }),
  })();
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
  void runFinanceSync(deps, { trigger: 'manual' }).catch((err) =>
    deps.logger.error({ err }, 'finance sync failed'),
  );
  return true;
}

async function isSyncRunning(deps: AppDeps): Promise<boolean> {
  const lease = await repo.findLease(deps.db, 'finance-sync');
  return lease !== undefined && lease.expires_at > deps.clock.now().toISOString();
}

const iso = (unix: number | null) => (unix === null ? null : new Date(unix * 1000).toISOString());

export async function getSyncStatus(deps: AppDeps): Promise<TSyncStatus> {
  const [streams, runs, isRunning] = await Promise.all([
    repo.listStreams(deps.db),
    repo.listRecentRuns(deps.db, 10),
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
      status: r.status === 'succeeded' || r.status === 'failed' ? r.status : 'running',
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      requests: r.requests,
      rateLimited: r.rate_limited,
      transactions: r.transactions,
      payouts: r.payouts,
      error: r.error,
    })),
    isRunning,
    requestsPerSecond: deps.config.financeSyncRequestsPerSecond,
  };
}
