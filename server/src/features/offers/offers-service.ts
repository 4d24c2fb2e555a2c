// Offers for a subscription, computed by the server only: renew the same plan for 1, 2 or 3 years, upgrade to
// each higher plan (1, 2 or 3 years, from today, less the unused value of the current term), or add seats to
// the running term.

import { TERM_YEARS, type TOffer, type TOffersResponse } from '@portal/shared/schemas/offers';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type Choice, priceChoice } from './price-choice.ts';
import {
  assertSeatsWithin,
  isTermRunning,
  loadPricingContext,
  type PricingContext,
  unrenewableReason,
} from './pricing-context.ts';
import { findLatestOpenQuote } from './quotes-repo.ts';

function offerSubscription(ctx: PricingContext): TOffersResponse['subscription'] {
  const { subscription: s, currentPlan } = ctx;
  const { prices: _prices, isActive: _isActive, ...plan } = currentPlan;
  return {
    id: s.id,
    label: s.label,
    status: s.status,
    daysLeft: s.daysLeft,
    seats: s.seats,
    currency: s.currency,
    termStart: s.termStart,
    termEnd: s.termEnd,
    plan,
  };
}

/** Prices a choice for the list; a choice the rules exclude (e.g. fully covered by the credit) is left out. */
function tryPrice(ctx: PricingContext, choice: Choice): TOffer | null {
  try {
    return priceChoice(ctx, choice).offer;
  } catch (err) {
    if (err instanceof AppError && err.code === 'rule_violated') return null;
    throw err;
  }
}

/**
 * The offers of one of the account's subscriptions (404 for any other), priced for `seats` (default: the
 * current count, kept within the plan's bounds; an explicit count outside them is a 422). Upgrades start at
 * the higher plan's minimum seats when that is more. The 3-year renewal is recommended: the largest saving.
 */
export async function getOffers(
  deps: AppDeps,
  accountId: string,
  subscriptionId: string,
  requestedSeats: number | undefined,
): Promise<TOffersResponse> {
  const ctx = await loadPricingContext(deps, accountId, subscriptionId);
  const subscription = offerSubscription(ctx);
  const reason = unrenewableReason(ctx);
  if (reason) return { renewable: false, subscription, reason };

  const { currentPlan } = ctx;
  const seats =
    requestedSeats ?? Math.min(Math.max(ctx.subscription.seats, currentPlan.minSeats), currentPlan.maxSeats);
  assertSeatsWithin(currentPlan, seats);

  const offers: TOffer[] = [];
  const add = (offer: TOffer | null) => {
    if (offer) offers.push(offer);
  };
  for (const termYears of TERM_YEARS) {
    add(tryPrice(ctx, { kind: 'renew', planCode: currentPlan.code, termYears, seats }));
  }
  const higherPlans = ctx.catalog.filter(
    (plan) =>
      plan.isActive &&
      plan.tierRank > currentPlan.tierRank &&
      plan.prices[ctx.subscription.currency] !== undefined,
  );
  for (const plan of higherPlans) {
    const planSeats = Math.max(seats, plan.minSeats);
    if (planSeats > plan.maxSeats) continue;
    for (const termYears of TERM_YEARS) {
      add(tryPrice(ctx, { kind: 'upgrade', planCode: plan.code, termYears, seats: planSeats }));
    }
  }
  if (seats > ctx.subscription.seats && isTermRunning(ctx)) {
    add(tryPrice(ctx, { kind: 'seats', planCode: currentPlan.code, seats }));
  }
  const recommended = offers
    .filter((o) => o.kind === 'renew')
    .sort((a, b) => b.savings.amountMinor - a.savings.amountMinor)[0];
  if (recommended) recommended.recommended = true;

  const open = await findLatestOpenQuote(deps.db, subscriptionId, ctx.now.toISOString());
  return {
    renewable: true,
    subscription,
    rulesVersion: ctx.rules.version,
    seats,
    offers,
    openQuote: open
      ? { id: open.id, number: open.number, offerId: open.offer_id, expiresAt: open.expires_at }
      : null,
  };
}
