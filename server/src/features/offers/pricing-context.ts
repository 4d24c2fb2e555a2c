// What a price depends on, read once: the subscription (scoped to the account), the catalog and the rules in
// force; and the rules that decide whether anything can be offered at all.

import type { CalendarDate } from '@portal/shared/dates';
import type { PaidSpan } from '@portal/shared/pricing';
import type { TPricingRulesVersion, UNRENEWABLE_REASONS } from '@portal/shared/schemas/offers';
import type { TSubscriptionDetail } from '@portal/shared/schemas/subscriptions';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { taxRateForAccount } from '../invoices/service.ts';
import { getSubscription, listPaidAheadTerms } from '../subscriptions/service.ts';
import { loadCatalog, type PricedPlan } from './catalog-service.ts';
import { currentPricingRules } from './pricing-rules-service.ts';

/** Everything a price depends on, read once (inside the caller's transaction when quoting). */
export type PricingContext = {
  now: Date;
  today: CalendarDate;
  subscription: TSubscriptionDetail;
  /** Terms paid ahead, not started yet, with the value paid for each (an upgrade credits them whole). */
  paidAhead: PaidSpan[];
  currentPlan: PricedPlan;
  catalog: PricedPlan[];
  rules: TPricingRulesVersion;
  graceDays: number;
  timeZone: string;
  /** Tax on the price, by the buyer's billing country (the vendor's billing settings; 0 by default). */
  taxRateBp: number;
};

type UnrenewableReason = (typeof UNRENEWABLE_REASONS)[number];

/** Loads the subscription (404 when it is not the account's), the catalog and the rules in force. */
export async function loadPricingContext(
  deps: AppDeps,
  accountId: string,
  subscriptionId: string,
): Promise<PricingContext> {
  const subscription = await getSubscription(deps, accountId, subscriptionId);
  const paidAhead = await listPaidAheadTerms(deps, accountId, subscriptionId, deps.clock.today());
  const catalog = await loadCatalog(deps.db);
  const rules = await currentPricingRules(deps.db);
  const tax = await taxRateForAccount(deps.db, accountId);
  const currentPlan = catalog.find((plan) => plan.id === subscription.plan.id);
  if (!currentPlan)
    throw new Error(`plan ${subscription.plan.id} of ${subscriptionId} is not in the catalog`);
  return {
    now: deps.clock.now(),
    today: deps.clock.today(),
    subscription,
    paidAhead,
    currentPlan,
    catalog,
    rules,
    graceDays: deps.config.graceDays,
    timeZone: deps.config.timeZone,
    taxRateBp: tax.rateBasisPoints,
  };
}

/** Why nothing can be offered, or null when the subscription can be renewed, upgraded or extended. */
export function unrenewableReason(ctx: PricingContext): UnrenewableReason | null {
  const { subscription } = ctx;
  if (subscription.status === 'cancelled') return 'cancelled';
  if (-subscription.daysLeft > ctx.rules.rules.renewableDaysAfterTermEnd) return 'expired_too_long';
  if (ctx.currentPlan.prices[subscription.currency] === undefined) return 'not_priced';
  return null;
}

const UNRENEWABLE_MESSAGES: Record<UnrenewableReason, string> = {
  cancelled: 'This subscription was cancelled and cannot be renewed here; please contact us.',
  expired_too_long: 'This subscription expired too long ago to be renewed here; please contact us.',
  not_priced: 'This plan has no price in your currency; please contact us.',
};

export function ruleViolated(message: string, fields?: Record<string, string>): AppError {
  return new AppError('rule_violated', message, fields ? { fields } : {});
}

export function assertSeatsWithin(plan: PricedPlan, seats: number): void {
  if (seats < plan.minSeats || seats > plan.maxSeats) {
    throw ruleViolated(`${plan.name} is for ${plan.minSeats} to ${plan.maxSeats} seats.`, {
      seats: `${plan.minSeats}–${plan.maxSeats}`,
    });
  }
}

export function isTermRunning(ctx: PricingContext): boolean {
  return ctx.subscription.status !== 'cancelled' && ctx.subscription.daysLeft > 0;
}

/** Throws 422 with the reason when nothing can be offered. */
export function assertRenewable(ctx: PricingContext): void {
  const reason = unrenewableReason(ctx);
  if (reason) throw ruleViolated(UNRENEWABLE_MESSAGES[reason], { reason });
}
