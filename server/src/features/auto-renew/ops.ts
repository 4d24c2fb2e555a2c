// Ops' view of the renewal run: the last runs with what each did, "run now" (the demo button; it waits a few
// seconds for the run to finish and otherwise reports it running), and the renewals that need a person:
// charges held back, charges failing, payments awaiting the customer, and those needing attention.

import type { TJobRun, TRenewalAttention, TRenewalState } from '@portal/shared/schemas/auto-renew';
import type { AppDeps } from '../../platform/http/context.ts';
import { runExclusive } from '../../platform/jobs/recurring.ts';
import { getRun, listRuns } from '../../platform/jobs/runs.ts';
import { findSubscriptionContexts } from '../subscriptions/service.ts';
import * as repo from './repo.ts';
import { isRunning, runRenewalsOnce } from './run.ts';
import { RENEWALS_JOB } from './run-context.ts';

const RUNS_LISTED = 20;
const WAIT_FOR_RUN_MS = 20_000;
const ATTENTION_STATES: TRenewalState[] = [
  'deferred',
  'needs_attention',
  'retrying',
  'requires_action',
  'failed',
  'charging',
];

export async function listRenewalRuns(deps: AppDeps): Promise<{ runs: TJobRun[]; isRunning: boolean }> {
  return {
    runs: await listRuns(deps.db, { job: RENEWALS_JOB, limit: RUNS_LISTED, now: deps.clock.now() }),
    isRunning: await isRunning(deps),
  };
}

/**
 * Starts today's run, waiting up to 20 s for it; returns it as it stands. Under the renewal job's lease: when
 * a run goes on anywhere (the daily job on any instance, a script), it reports that one running instead.
 */
const BUSY_RETRY_MS = 500;

/**
 * Ops asked for a run: when the job's slot is held only by the scheduled job's check of the day (done or about to
 * be), take it as soon as it is free instead of answering with an older run; give up with 'busy' after the wait.
 */
async function runWhenFree(deps: AppDeps) {
  const giveUpAt = Date.now() + WAIT_FOR_RUN_MS;
  for (;;) {
    // The job's lease and the run's claims last the configured ttl, renewed while this process lives: a kill
    // leaves the day to the next holder within that ttl, as for the scheduled run.
    const leaseMs = deps.config.jobs.leaseTtlMs;
    const report = await runExclusive({ ...deps, leaseTtlMs: leaseMs }, RENEWALS_JOB, () =>
      runRenewalsOnce(deps, { trigger: 'ops', leaseMs }),
    );
    if (report !== 'busy' || Date.now() >= giveUpAt || (await isRunning(deps))) return report;
    await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
  }
}

export async function runNow(deps: AppDeps): Promise<{ run: TJobRun | null; isRunning: boolean }> {
  const ended = runWhenFree(deps).then(
    (report) => (report === 'busy' ? null : report.runId),
    (error: unknown) => {
      // The run records its own failure; the page shows it from the list of runs.
      deps.logger.error({ err: error }, 'renewal run failed');
      return null;
    },
  );
  const finished = await Promise.race([
    ended,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), WAIT_FOR_RUN_MS).unref()),
  ]);
  if (finished)
    return { run: await getRun(deps.db, finished, deps.clock.now()), isRunning: await isRunning(deps) };
  const [latest] = await listRuns(deps.db, { job: RENEWALS_JOB, limit: 1, now: deps.clock.now() });
  return { run: latest ?? null, isRunning: true };
}

export async function listRenewalsNeedingAttention(deps: AppDeps): Promise<TRenewalAttention[]> {
  const rows = await repo.listRenewalsInStates(deps.db, ATTENTION_STATES, 200);
  const contexts = new Map(
    (await findSubscriptionContexts(deps.db, [...new Set(rows.map((r) => r.subscription_id))])).map((c) => [
      c.id,
      c,
    ]),
  );
  return rows.map((row) => ({
    renewalId: row.id,
    subscriptionId: row.subscription_id,
    subscriptionLabel: contexts.get(row.subscription_id)?.label ?? row.subscription_id,
    accountName: contexts.get(row.subscription_id)?.account_name ?? row.account_id,
    state: row.state as TRenewalState,
    chargeDate: row.term_end,
    nextAttemptDate: row.due_date,
    attempts: row.attempts,
    lastError:
      row.last_error_code && row.last_error_message
        ? { code: row.last_error_code, message: row.last_error_message }
        : null,
    updatedAt: row.updated_at,
  }));
}
