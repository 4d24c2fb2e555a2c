// The Stripe sync: balance transactions and payouts pulled incrementally through the SDK (auto-pagination,
// a `created` cursor per stream, `expand[]=data.source`), open payouts refreshed, and each automatic payout's
// transactions linked to it (`balance_transactions?payout=`). Every page is committed in one transaction
// together with the point to resume from, so a crash, a deploy or a 429 storm resumes where it stopped; the
// upserts are idempotent, so running it twice leaves the same rows. One run at a time (a lease in the
// database), within the shared Stripe rate budget (platform/stripe/rate-budget.ts), 429s retried with the one backoff.

import { newId } from '../../../platform/db/ids.ts';
import type { AppDeps } from '../../../platform/http/context.ts';
import { BACKOFF, backoffDelay, realSleep, type Sleep } from '../../../platform/jobs/backoff.ts';
import { keepLeaseAlive, type Lease, tryTakeLease } from '../../../platform/jobs/leases.ts';
import { finishRun, heartbeatRun, type RunStats, startRun } from '../../../platform/jobs/runs.ts';
import type { Stripe } from '../../../platform/stripe/client.ts';
import {
  isStripeRateLimited,
  type StripeBudget,
  stripeBudgetFor,
  withinBudget,
} from '../../../platform/stripe/rate-budget.ts';
import { payoutRow, transactionRow } from './stripe-rows.ts';
import * as repo from './sync-repo.ts';

export const STREAMS = ['balance_transactions', 'payouts'] as const;
export type StreamName = (typeof STREAMS)[number];

/** Stripe's largest page. */
const PAGE_SIZE = 100;
/** Each run re-reads the last hour before its cursor: objects Stripe lists late are not missed. */
export const CURSOR_OVERLAP_SECONDS = 60 * 60;
export const SYNC_LEASE_NAME = 'finance-sync';
/** The sync's runs in the job run log (`job_runs`), with its counters as the run's stats. */
export const FINANCE_SYNC_JOB = 'finance-sync';
const HEARTBEAT_MS = 30_000;

export type SyncOptions = {
  trigger: 'schedule' | 'cli' | 'manual' | 'demo' | 'webhook' | 'test';
  /** Tests: no real waiting. */
  sleep?: Sleep;
  /** Tests: no shared budget. */
  budget?: StripeBudget;
  /** Tests: smaller pages, to cross page boundaries with little data. */
  pageSize?: number;
};

export type SyncOutcome =
  | {
      status: 'succeeded';
      runId: string;
      transactions: number;
      payouts: number;
      requests: number;
      rateLimited: number;
    }
  | { status: 'skipped'; reason: 'already_running' };

export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

type RunContext = {
  deps: AppDeps;
  stripe: Stripe;
  runId: string;
  budget: StripeBudget;
  sleep: Sleep;
  pageSize: number;
  totals: { transactions: number; payouts: number; requests: number; rateLimited: number };
  /** Renews the lease inside the caller's transaction; throws LeaseLostError when another run took it. */
  renewLease(db: Parameters<Lease['renew']>[0]): Promise<void>;
};

/**
 * The sync's lease runs on the portal's clock (one offset for every instance, read from the database), for the
 * job lease's ttl, kept alive while this process runs (a sync killed with -9 frees it within that ttl).
 */
function takeSyncLease(deps: AppDeps, owner: string): Promise<Lease | null> {
  return tryTakeLease(deps.db, {
    name: SYNC_LEASE_NAME,
    owner,
    ttlMs: deps.config.jobs.leaseTtlMs,
    now: () => deps.clock.now().getTime(),
  });
}

const nowIso = (deps: AppDeps) => deps.clock.now().toISOString();
const nowUnix = (deps: AppDeps) => Math.floor(deps.clock.now().getTime() / 1000);

/**
 * Pulls what Stripe has that the portal has not seen yet. Idempotent and resumable: see the module comment.
 * Answers `skipped` when another run holds the lease.
 */
export async function runStripeSync(deps: AppDeps, options: SyncOptions): Promise<SyncOutcome> {
  const lease = await takeSyncLease(deps, newId('fsr'));
  if (!lease) return { status: 'skipped', reason: 'already_running' };
  const alive = keepLeaseAlive(lease, deps.config.jobs.leaseTtlMs);
  let runId: string;
  try {
    runId = await startRun(deps.db, {
      job: FINANCE_SYNC_JOB,
      forDate: deps.clock.today(),
      trigger: options.trigger,
      now: deps.clock.now(),
    });
  } catch (error) {
    alive.stop();
    await lease.release();
    throw error;
  }
  const ctx: RunContext = {
    deps,
    stripe: deps.stripe.client,
    runId,
    budget: options.budget ?? stripeBudgetFor(deps),
    sleep: options.sleep ?? realSleep,
    pageSize: options.pageSize ?? PAGE_SIZE,
    totals: { transactions: 0, payouts: 0, requests: 0, rateLimited: 0 },
    async renewLease(db) {
      if (!(await lease.renew(db))) throw new LeaseLostError('another sync took over the lease');
    },
  };
  // A run whose process died stops beating: the run log shows it interrupted (platform/jobs/runs.ts).
  const beat = setInterval(() => {
    void heartbeatRun(deps.db, runId, { stats: runStats(ctx.totals), now: deps.clock.now() }).catch(() => {});
  }, HEARTBEAT_MS);
  beat.unref();
  try {
    await pullStream(ctx, 'balance_transactions');
    await pullStream(ctx, 'payouts');
    await refreshOpenPayouts(ctx);
    await linkPayouts(ctx);
    await finishRun(deps.db, runId, { stats: runStats(ctx.totals), now: deps.clock.now() });
    return { status: 'succeeded', runId, ...ctx.totals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishRun(deps.db, runId, { stats: runStats(ctx.totals), now: deps.clock.now(), error: message });
    throw error;
  } finally {
    clearInterval(beat);
    alive.stop();
    await lease.release();
  }
}

type Totals = RunContext['totals'];

/** The run's counters as its stats in the run log. */
export function runStats(totals: Totals): RunStats {
  return {
    requests: totals.requests,
    rate_limited: totals.rateLimited,
    transactions: totals.transactions,
    payouts: totals.payouts,
  };
}

/** Inside a page's transaction: the run's counters including that page, committed with it. */
async function recordPage(
  ctx: RunContext,
  db: Parameters<typeof heartbeatRun>[0],
  page: { transactions?: number; payouts?: number },
): Promise<void> {
  const totals = {
    ...ctx.totals,
    transactions: ctx.totals.transactions + (page.transactions ?? 0),
    payouts: ctx.totals.payouts + (page.payouts ?? 0),
  };
  await heartbeatRun(db, ctx.runId, { stats: runStats(totals), now: ctx.deps.clock.now() });
}

/**
 * Iterates a paged Stripe list with the SDK's auto-pagination, committing every page; on a 429 it backs off
 * and opens the list again from the last committed item. Pages are paced: the SDK fetches the next page when
 * the current one is used up, so a token is taken then.
 */
async function pullPaged<T extends { id: string }>(
  ctx: RunContext,
  source: {
    open(startingAfter: string | null): AsyncIterable<T>;
    resumePoint(): Promise<string | null>;
    commit(items: T[]): Promise<void>;
  },
): Promise<void> {
  let attempt = 0;
  for (;;) {
    const startingAfter = await source.resumePoint();
    try {
      await ctx.budget.take();
      ctx.totals.requests += 1;
      let page: T[] = [];
      let consumed = 0;
      for await (const item of source.open(startingAfter)) {
        if (consumed > 0 && consumed % ctx.pageSize === 0) ctx.totals.requests += 1;
        consumed += 1;
        page.push(item);
        if (page.length === ctx.pageSize) {
          await source.commit(page);
          page = [];
          attempt = 0;
          await ctx.budget.take();
        }
      }
      if (page.length > 0) await source.commit(page);
      return;
    } catch (error) {
      if (!isStripeRateLimited(error) || attempt >= BACKOFF.maxRetries) throw error;
      attempt += 1;
      ctx.totals.rateLimited += 1;
      ctx.deps.logger.warn({ attempt }, 'finance sync: Stripe rate limit (429), backing off');
      const delay = backoffDelay(attempt);
      await ctx.budget.pause(delay);
      await ctx.sleep(delay);
    }
  }
}

/** One stream's window: everything created between the cursor (less the overlap) and the run's start. */
async function pullStream(ctx: RunContext, stream: StreamName): Promise<void> {
  const { deps } = ctx;
  let state = await repo.findStream(deps.db, stream);
  if (!state || state.window_lte === null) {
    state = {
      stream,
      cursor_created: state?.cursor_created ?? null,
      window_gte: state?.cursor_created != null ? state.cursor_created - CURSOR_OVERLAP_SECONDS : null,
      window_lte: nowUnix(deps),
      resume_after: null,
      last_completed_at: state?.last_completed_at ?? null,
      updated_at: nowIso(deps),
    };
    await repo.saveStream(deps.db, state);
  }
  const window = state;
  const created = {
    lte: window.window_lte ?? nowUnix(deps),
    ...(window.window_gte !== null ? { gte: window.window_gte } : {}),
  };
  const params = (startingAfter: string | null) => ({
    created,
    limit: ctx.pageSize,
    ...(startingAfter ? { starting_after: startingAfter } : {}),
  });

  await pullPaged<Stripe.BalanceTransaction | Stripe.Payout>(ctx, {
    open: (startingAfter) =>
      stream === 'balance_transactions'
        ? ctx.stripe.balanceTransactions.list({ ...params(startingAfter), expand: ['data.source'] })
        : ctx.stripe.payouts.list(params(startingAfter)),
    resumePoint: async () => (await repo.findStream(deps.db, stream))?.resume_after ?? null,
    commit: async (items) => {
      const syncedAt = nowIso(deps);
      await deps.db.transaction().execute(async (tx) => {
        await ctx.renewLease(tx);
        if (stream === 'balance_transactions') {
          await repo.upsertTransactions(
            tx,
            (items as Stripe.BalanceTransaction[]).map((t) => transactionRow(t, syncedAt)),
          );
        } else {
          await repo.upsertPayouts(
            tx,
            (items as Stripe.Payout[]).map((p) => payoutRow(p, syncedAt)),
          );
        }
        await repo.saveStream(tx, {
          ...window,
          resume_after: items.at(-1)?.id ?? null,
          updated_at: syncedAt,
        });
        await recordPage(
          ctx,
          tx,
          stream === 'balance_transactions' ? { transactions: items.length } : { payouts: items.length },
        );
      });
      if (stream === 'balance_transactions') ctx.totals.transactions += items.length;
      else ctx.totals.payouts += items.length;
    },
  });

  await repo.saveStream(deps.db, {
    stream,
    cursor_created: window.window_lte,
    window_gte: null,
    window_lte: null,
    resume_after: null,
    last_completed_at: nowIso(deps),
    updated_at: nowIso(deps),
  });
}

/** Runs a single Stripe call within the shared budget, retrying 429s with backoff. */
async function paced<T>(ctx: RunContext, call: () => Promise<T>): Promise<T> {
  return withinBudget(
    ctx.budget,
    () => {
      ctx.totals.requests += 1;
      return call();
    },
    {
      sleep: ctx.sleep,
      onRateLimited: () => {
        ctx.totals.rateLimited += 1;
      },
    },
  );
}

/** Payouts listed while pending or in transit are read again until they are paid, failed or canceled. */
async function refreshOpenPayouts(ctx: RunContext): Promise<void> {
  for (const id of await repo.listOpenPayoutIds(ctx.deps.db)) {
    const payout = await paced(ctx, () => ctx.stripe.payouts.retrieve(id));
    await ctx.deps.db.transaction().execute(async (tx) => {
      await ctx.renewLease(tx);
      await repo.upsertPayouts(tx, [payoutRow(payout, nowIso(ctx.deps))]);
    });
  }
}

/** Links every balance transaction of each automatic payout to it, resumably per payout. */
async function linkPayouts(ctx: RunContext): Promise<void> {
  const { deps } = ctx;
  for (const payout of await repo.listPayoutsToLink(deps.db)) {
    await pullPaged<Stripe.BalanceTransaction>(ctx, {
      open: (startingAfter) =>
        ctx.stripe.balanceTransactions.list({
          payout: payout.id,
          limit: ctx.pageSize,
          expand: ['data.source'],
          ...(startingAfter ? { starting_after: startingAfter } : {}),
        }),
      resumePoint: async () => (await repo.findPayout(deps.db, payout.id))?.link_resume_after ?? null,
      commit: async (items) => {
        const syncedAt = nowIso(deps);
        await deps.db.transaction().execute(async (tx) => {
          await ctx.renewLease(tx);
          await repo.upsertTransactions(
            tx,
            items.map((t) => transactionRow(t, syncedAt, payout.id)),
          );
          await repo.setPayoutLinkProgress(tx, payout.id, {
            resumeAfter: items.at(-1)?.id ?? null,
            linkedAt: null,
          });
          await recordPage(ctx, tx, { transactions: items.length });
        });
        ctx.totals.transactions += items.length;
      },
    });
    await repo.setPayoutLinkProgress(deps.db, payout.id, { resumeAfter: null, linkedAt: nowIso(deps) });
  }
}

/**
 * `payout.paid` / `payout.failed`: converges the payout from a fresh read at Stripe (never from the event
 * body). Its transactions are linked by a sync queued for a few seconds later (one per burst of webhooks,
 * whichever instance takes it; the every-few-minutes "payout links" job is the safety net), keeping the
 * webhook quick.
 */
export async function syncPayoutFromStripe(deps: AppDeps, payoutId: string): Promise<void> {
  const payout = await withinBudget(stripeBudgetFor(deps), () =>
    deps.stripe.client.payouts.retrieve(payoutId),
  );
  await deps.db.transaction().execute(async (tx) => {
    await repo.upsertPayouts(tx, [payoutRow(payout, nowIso(deps))]);
  });
  await deps.jobs?.enqueue(PAYOUT_SYNC_JOB, {}, { singletonKey: 'payouts', delayMs: PAYOUT_SYNC_DELAY_MS });
}

/** The one-off job that itemises payouts soon after their webhook (sync-jobs.ts defines it). */
export const PAYOUT_SYNC_JOB = 'finance-payouts-soon';
/** Webhooks of one payout run come together: one sync a few seconds later serves them all. */
const PAYOUT_SYNC_DELAY_MS = 5_000;

/** Whether any payout waits for its transactions to be linked (cheap; the frequent job checks it first). */
export async function hasPayoutsToLink(deps: AppDeps): Promise<boolean> {
  return (await repo.listPayoutsToLink(deps.db)).length > 0;
}
