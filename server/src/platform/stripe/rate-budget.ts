// One Stripe rate budget per Stripe account, shared by every process, instance and caller (the renewal run,
// the finance sync, sweeps): a token bucket kept in the database. A caller takes a token before each Stripe
// call; when the bucket is empty it waits as long as the refill needs (the row is changed by compare-and-set,
// see rate-budget-repo.ts). A 429 pauses the whole account for
// every caller (the backoff), not only the one that met it. Rate and burst are STRIPE_RATE_PER_SECOND and
// STRIPE_RATE_BURST: at most rate × seconds + burst calls in any span, so 20/s + 5 stays under Stripe's 25/s.

import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { realSleep, retryWhenRateLimited, type Sleep } from '../jobs/backoff.ts';
import { type RealTime, realTime } from '../jobs/leases.ts';
import * as repo from './rate-budget-repo.ts';

export type StripeBudget = {
  /** Waits until this caller may make one Stripe call. */
  take(): Promise<void>;
  /** After a 429: nobody calls the account for `ms`. */
  pause(ms: number): Promise<void>;
};

export const UNLIMITED_BUDGET: StripeBudget = { take: async () => {}, pause: async () => {} };

/** The budget's key: a digest of the account's secret key (never the key itself). */
export function stripeAccountKey(secretKey: string | undefined): string {
  if (!secretKey) return 'emulator';
  return `acct_key_${createHash('sha256').update(secretKey).digest('hex').slice(0, 16)}`;
}

export function createStripeBudget(
  db: Db,
  options: { account: string; ratePerSecond: number; burst: number; now?: RealTime; sleep?: Sleep },
): StripeBudget {
  if (!Number.isFinite(options.ratePerSecond) || options.ratePerSecond <= 0) return UNLIMITED_BUDGET;
  const now = options.now ?? realTime;
  const sleep = options.sleep ?? realSleep;
  const { account, ratePerSecond } = options;
  const capacity = Math.max(1, options.burst);

  /** Takes a token if there is one (0); otherwise how long to wait before trying again. */
  const tryTake = async (): Promise<number> => {
    for (;;) {
      const nowMs = now();
      const row = await repo.readBudget(db, account, { tokens: capacity, nowMs });
      if (nowMs < row.pausedUntilMs) return row.pausedUntilMs - nowMs;
      const elapsedMs = Math.max(0, nowMs - row.refilledAtMs);
      const tokens = Math.min(capacity, row.tokens + (elapsedMs / 1000) * ratePerSecond);
      if (tokens < 1) return Math.ceil(((1 - tokens) / ratePerSecond) * 1000);
      const next = { tokens: tokens - 1, refilledAtMs: Math.max(nowMs, row.refilledAtMs), pausedUntilMs: 0 };
      if (await repo.compareAndSetBudget(db, account, row.version, next)) return 0;
    }
  };

  return {
    async take() {
      for (;;) {
        const waitMs = await tryTake();
        if (waitMs === 0) return;
        await sleep(waitMs);
      }
    },
    async pause(ms) {
      for (;;) {
        const nowMs = now();
        const row = await repo.readBudget(db, account, { tokens: capacity, nowMs });
        const until = Math.max(row.pausedUntilMs, nowMs + ms);
        // Empty when the pause ends: the calls that resume come at the rate, not in a burst.
        const next = { tokens: 0, refilledAtMs: until, pausedUntilMs: until };
        if (await repo.compareAndSetBudget(db, account, row.version, next)) return;
      }
    },
  };
}

/** Is this Stripe's "too many requests" (the SDK's StripeRateLimitError, or any error with status 429)? */
export function isStripeRateLimited(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode, type } = error as { statusCode?: unknown; type?: unknown };
  return statusCode === 429 || type === 'StripeRateLimitError';
}

/**
 * One Stripe call within the budget: a token first, and a 429 pauses the account for everyone and is retried
 * with the backoff (platform/jobs/backoff.ts).
 */
export function withinBudget<T>(
  budget: StripeBudget,
  call: () => Promise<T>,
  options: { sleep?: Sleep; onRateLimited?: () => void; maxRetries?: number } = {},
): Promise<T> {
  return retryWhenRateLimited(
    async () => {
      await budget.take();
      return call();
    },
    {
      isRateLimited: isStripeRateLimited,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      onRetry: async (_attempt, delayMs) => {
        options.onRateLimited?.();
        await budget.pause(delayMs);
      },
    },
  );
}

/** The budget of the account the portal is configured with (no state here: it lives in the database). */
export function stripeBudgetFor(deps: {
  db: Db;
  config: { stripe: { secretKey: string | undefined; ratePerSecond: number; rateBurst: number } };
}): StripeBudget {
  return createStripeBudget(deps.db, {
    account: stripeAccountKey(deps.config.stripe.secretKey),
    ratePerSecond: deps.config.stripe.ratePerSecond,
    burst: deps.config.stripe.rateBurst,
  });
}
