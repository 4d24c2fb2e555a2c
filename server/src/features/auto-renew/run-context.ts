// What every step of a renewal run shares: the day it works for, its id in the ledger, its counters, the
// injected charge and fulfilment (tests replace them; the defaults are Stripe and the payments feature), the
// shared Stripe rate budget, and test hooks.

import type { CalendarDate } from '@portal/shared/dates';
import type { AppDeps } from '../../platform/http/context.ts';
import type { Yielder } from '../../platform/jobs/yield.ts';
import type { Stripe } from '../../platform/stripe/client.ts';
import type { StripeBudget } from '../../platform/stripe/rate-budget.ts';
import type { ChargeFn } from './charge.ts';
import type { RenewalRow, SubscriptionContext } from './repo.ts';

export const RENEWALS_JOB = 'renewals';

export type FulfilInput = {
  renewal: RenewalRow;
  ctx: SubscriptionContext;
  quoteId: string;
  paymentIntent: Stripe.PaymentIntent;
  paidAt: Date;
};

export type FulfilResult = {
  outcome: 'fulfilled' | 'already_fulfilled' | 'rejected';
  paymentId: string | null;
  detail?: string;
};

/**
 * Applies a succeeded automatic charge exactly as a checkout payment is applied (its own transaction;
 * idempotent per PaymentIntent, so a resumed charge applies it once). Throws when it could not be recorded.
 */
export type FulfilFn = (input: FulfilInput) => Promise<FulfilResult>;

export type RunHooks = {
  /** Called after an action's ledger entry is recorded and before it is acted on (tests crash here). */
  afterClaim?: (key: string) => void | Promise<void>;
};

export type RunContext = {
  deps: AppDeps;
  runId: string;
  forDate: CalendarDate;
  stats: Record<string, number>;
  charge: ChargeFn;
  fulfil: FulfilFn;
  budget: StripeBudget;
  hooks: RunHooks;
  leaseMs: number;
  dunningDays: readonly number[];
  /** Sleep used by the 429 backoff (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** Lets the event loop turn when the current slice of work has taken long enough (platform/jobs/yield.ts). */
  yieldNow: Yielder;
};

export function bump(rc: RunContext, name: string, by = 1): void {
  rc.stats[name] = (rc.stats[name] ?? 0) + by;
}

export function isStopping(rc: RunContext): boolean {
  return rc.signal?.aborted === true;
}
