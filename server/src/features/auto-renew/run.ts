// The daily renewal run (DESIGN.md §4, §7): plan what is missing, send the notices and reminders due, then
// charge, retry and expire the renewals due, for one calendar day. It finds its work by indexed due dates, so
// its cost grows with what is due; it records every action in the job ledger before taking it, so a re-run, a
// crash or a second runner never sends or charges twice; it paces Stripe calls under the configured rate and
// retries 429; and it resumes where it stopped, because what it has not done is still due tomorrow.

import { type CalendarDate, compareDates } from '@portal/shared/dates';
import { DEFAULT_DUNNING_DAYS } from '@portal/shared/notice-policy';
import type { Db } from '../../platform/db/connection.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { DEFAULT_LEASE_MS, extendClaims } from '../../platform/jobs/ledger.ts';
import {
  finishRun,
  hasCompletedRunFor as hasCompletedRun,
  heartbeatRun,
  isRunAlive,
  startRun,
} from '../../platform/jobs/runs.ts';
import { createYielder, type Yielder } from '../../platform/jobs/yield.ts';
import { type StripeBudget, stripeBudgetFor } from '../../platform/stripe/rate-budget.ts';
import { retryCancellationRefunds } from './cancel-contract.ts';
import { type ChargeFn, stripeCharge } from './charge.ts';
import { processDueRenewals } from './dunning.ts';
import { fulfilThroughPayments } from './fulfil.ts';
import { planRenewalBySystem } from './planning.ts';
import * as repo from './repo.ts';
import { type FulfilFn, RENEWALS_JOB, type RunContext, type RunHooks } from './run-context.ts';
import { sendDueReminders } from './run-notices.ts';
import { checkDueObligations } from './run-obligations.ts';

export type RunOptions = {
  /** The day to work for; today by default. A later day is refused: move the demo clock instead. */
  forDate?: CalendarDate;
  trigger: 'schedule' | 'ops' | 'script' | 'test' | 'bench';
  charge?: ChargeFn;
  fulfil?: FulfilFn;
  /** The shared Stripe rate budget by default; tests and the benchmark pass an unlimited one. */
  budget?: StripeBudget;
  hooks?: RunHooks;
  /** How long each claim of the run outlives its last heartbeat (renewed every third of it); 10 min by default. */
  leaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /**
   * Which steps to take; the benchmark measures them apart. `plan` (off by default) first plans every
   * auto-renew subscription without a renewal of its term: a scan of all of them, done at start-up instead.
   */
  steps?: { plan?: boolean; notices?: boolean; reminders?: boolean; charges?: boolean };
  /** How long a slice of work may hold the event loop before the run yields (ms; the benchmark compares). */
  yieldSliceMs?: number;
};

export type RunReport = {
  runId: string;
  forDate: CalendarDate;
  stats: Record<string, number>;
  ms: number;
  /** False when the run stopped early or met work another runner held (the next run resumes it). */
  isComplete: boolean;
};

const BACKFILL_BATCH = 500;
const HEARTBEAT_MS = 30_000;

/** Plans the auto-renew subscriptions that have no renewal of their running term (switched on before). */
export async function planMissingRenewals(
  deps: AppDeps,
  yieldNow: Yielder = createYielder(),
): Promise<number> {
  let planned = 0;
  for (;;) {
    const missing = await repo.listAutoRenewWithoutPlan(deps.db, BACKFILL_BATCH);
    if (missing.length === 0) return planned;
    for (const row of missing) {
      await yieldNow();
      const result = await planRenewalBySystem(deps, row.id);
      if (result !== 'skipped') planned++;
    }
    if (missing.length < BACKFILL_BATCH) return planned;
  }
}

/** Plans the renewals queued by payments (a new term); cheap when there are none (an indexed state). */
export async function planQueuedRenewals(
  deps: AppDeps,
  yieldNow: Yielder = createYielder(),
): Promise<number> {
  let planned = 0;
  for (;;) {
    const queued = await repo.listQueuedForPlanning(deps.db, BACKFILL_BATCH);
    if (queued.length === 0) return planned;
    for (const row of queued) {
      await yieldNow();
      const result = await planRenewalBySystem(deps, row.subscription_id);
      if (result === 'skipped') {
        await repo.transitionRenewal(deps.db, row.id, ['planning'], {
          state: 'cancelled',
          due_date: null,
          closed_at: deps.clock.now().toISOString(),
          updated_at: deps.clock.now().toISOString(),
        });
      }
      planned++;
    }
  }
}

/** One run for one day. See the module comment for its guarantees. */
export async function runRenewals(deps: AppDeps, options: RunOptions): Promise<RunReport> {
  const started = performance.now();
  const today = deps.clock.today();
  const forDate = options.forDate ?? today;
  if (compareDates(forDate, today) > 0) {
    throw new AppError('rule_violated', `The run cannot work for a day after today (${today}).`, {
      fields: { date: 'in the future' },
    });
  }
  const fulfil = options.fulfil ?? fulfilThroughPayments(deps);
  const runId = await startRun(deps.db, {
    job: RENEWALS_JOB,
    forDate,
    trigger: options.trigger,
    now: deps.clock.now(),
  });
  const rc: RunContext = {
    deps,
    runId,
    forDate,
    stats: {},
    charge: options.charge ?? stripeCharge(deps.stripe.client),
    fulfil,
    budget: options.budget ?? stripeBudgetFor(deps),
    hooks: options.hooks ?? {},
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    dunningDays: deps.config.renewals.dunningDays.length
      ? deps.config.renewals.dunningDays
      : DEFAULT_DUNNING_DAYS,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    yieldNow: createYielder(options.yieldSliceMs === undefined ? {} : { sliceMs: options.yieldSliceMs }),
  };
  const steps = { plan: false, notices: true, reminders: true, charges: true, ...options.steps };
  // The heartbeat shows the run alive to ops and keeps its claims leased while this process runs.
  const beat = setInterval(
    () => {
      const now = deps.clock.now();
      void heartbeatRun(deps.db, runId, { stats: rc.stats, now }).catch(() => {});
      void extendClaims(deps.db, runId, { now, leaseMs: rc.leaseMs }).catch(() => {});
    },
    Math.min(HEARTBEAT_MS, rc.leaseMs / 3),
  );
  beat.unref();
  try {
    const timed = async (name: string, step: () => Promise<unknown>) => {
      const stepStarted = performance.now();
      await step();
      rc.stats[`ms_${name}`] = Math.round(performance.now() - stepStarted);
    };
    if (steps.plan)
      await timed(
        'plan',
        async () => (rc.stats.planned_missing = await planMissingRenewals(deps, rc.yieldNow)),
      );
    if (steps.notices) await timed('notices', () => checkDueObligations(rc));
    if (steps.reminders) await timed('reminders', () => sendDueReminders(rc));
    if (steps.charges) await timed('charges', () => processDueRenewals(rc));
    // Refunds owed by consumer cancellations that Stripe refused before (decision 017).
    if (steps.charges) await timed('cancellation_refunds', () => retryCancellationRefunds(deps));
    // Work held by another runner (a claim of a runner killed moments ago, not yet expired) is not done: the
    // day is not either, so the next check resumes it instead of leaving it to tomorrow.
    const incomplete =
      rc.signal?.aborted === true
        ? 'stopped before the end; the next run resumes'
        : (rc.stats.busy ?? 0) > 0
          ? `${rc.stats.busy} held by another runner; the next run resumes them`
          : null;
    await finishRun(deps.db, runId, {
      stats: rc.stats,
      now: deps.clock.now(),
      ...(incomplete ? { error: incomplete } : {}),
    });
    return {
      runId,
      forDate,
      stats: rc.stats,
      ms: Math.round(performance.now() - started),
      isComplete: incomplete === null,
    };
  } catch (error) {
    await finishRun(deps.db, runId, {
      stats: rc.stats,
      now: deps.clock.now(),
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  } finally {
    clearInterval(beat);
  }
}

const inFlight = new WeakMap<Db, Promise<RunReport>>();

/** Runs now unless a run is already going in this process (then waits for that one): the button and the timer. */
export function runRenewalsOnce(deps: AppDeps, options: RunOptions): Promise<RunReport> {
  const current = inFlight.get(deps.db);
  if (current) return current;
  const run = runRenewals(deps, options).finally(() => inFlight.delete(deps.db));
  inFlight.set(deps.db, run);
  return run;
}

/** Whether a run is going here or in any other process or instance. */
export async function isRunning(deps: AppDeps): Promise<boolean> {
  return inFlight.has(deps.db) || isRunAlive(deps.db, { job: RENEWALS_JOB, now: deps.clock.now() });
}

/** Whether a run for the day completed (ops ran it by hand): the daily job then has nothing to do. */
export async function hasCompletedRunFor(deps: AppDeps, day: CalendarDate): Promise<boolean> {
  return hasCompletedRun(deps.db, { job: RENEWALS_JOB, forDate: day });
}
