// One function prices one choice (renew, upgrade, add seats) under a pricing context. The offers list and the
// quote both go through it, so a quote is exactly the offer the customer saw.

import { addYears, type CalendarDate } from '@portal/shared/dates';
import {
  minimumChargeMinor,
  type PricedOffer,
  priceRenewal,
  priceSeatAddition,
  priceUpgrade,
  renewalTermStart,
  termYearsOf,
} from '@portal/shared/pricing';
import type { TOffer, TOfferKind, TTermYears } from '@portal/shared/schemas/offers';
import type { PricedPlan } from './catalog-service.ts';
import { assertSeatsWithin, isTermRunning, type PricingContext, ruleViolated } from './pricing-context.ts';
import { quoteExpiresAt } from './quote-expiry.ts';

export type Choice = { kind: TOfferKind; planCode: string; termYears?: TTermYears; seats: number };

export function offerKey(
  kind: TOfferKind,
  planCode: string,
  termYears: number | null,
  seats: number,
): string {
  return kind === 'seats' ? `seats:${planCode}:${seats}` : `${kind}:${planCode}:${termYears}y:${seats}`;
}

type Priced = {
  kind: TOfferKind;
  plan: PricedPlan;
  seats: number;
  termYears: TTermYears | null;
  termStart: CalendarDate;
  termEnd: CalendarDate;
  priced: PricedOffer;
};

function toOffer(ctx: PricingContext, p: Priced): TOffer {
  const currency = ctx.subscription.currency;
  const money = (amountMinor: number) => ({ amountMinor, currency });
  const { prices, isActive: _isActive, ...plan } = p.plan;
  return {
    id: offerKey(p.kind, p.plan.code, p.termYears, p.seats),
    kind: p.kind,
    plan: { ...plan, unitAmount: money(prices[currency] ?? 0) },
    seats: p.seats,
    termYears: p.termYears,
    termStart: p.termStart,
    termEnd: p.termEnd,
    lines: p.priced.lines,
    list: money(p.priced.listMinor),
    savings: money(p.priced.savingsMinor),
    savingsBasisPoints: p.priced.savingsBasisPoints,
    credit: money(p.priced.creditMinor),
    tax: money(p.priced.taxMinor),
    total: money(p.priced.totalMinor),
    pricePerYear: p.priced.pricePerYearMinor === null ? null : money(p.priced.pricePerYearMinor),
    validUntil: quoteExpiresAt({
      now: ctx.now,
      kind: p.kind,
      termEnd: ctx.subscription.termEnd,
      graceDays: ctx.graceDays,
      validityDays: ctx.rules.rules.quoteValidityDays,
      timeZone: ctx.timeZone,
    }).toISOString(),
    recommended: false,
  };
}

/** The priced offer and the raw figures behind it (the quote stores both). */
export type PricedChoice = { offer: TOffer; priced: PricedOffer; plan: PricedPlan };

/**
 * Prices one choice under the context, or throws 422 (`rule_violated`) naming the broken rule: another plan
 * for a renewal, a downgrade or unknown plan for an upgrade, seats outside the plan's bounds, fewer seats or
 * an ended term for a seat addition, a total below the minimum charge. The caller checks renewability first.
 */
/** `retentionBp`: a save offer's extra discount on a renewal (the retention feature passes it; never a client). */
export function priceChoice(ctx: PricingContext, choice: Choice, retentionBp = 0): PricedChoice {
  const { subscription, currentPlan, rules, today } = ctx;
  const currency = subscription.currency;
  if (subscription.nextTerm && choice.kind === 'seats') {
    // A term paid ahead has its own seats and price: seats priced on the running term alone would not follow
    // into it (decision 010). Upgrades credit every paid term (below).
    throw ruleViolated(
      `This subscription has a paid next term from ${subscription.nextTerm.termStart}; seats can be added once it starts.`,
      { kind: 'next term scheduled' },
    );
  }
  // The running term ends where the first term paid ahead starts (the row's end is the end of the paid span).
  const runningTermEnd = ctx.paidAhead[0]?.termStart ?? subscription.termEnd;
  let result: Priced;
  switch (choice.kind) {
    case 'renew': {
      if (choice.planCode !== currentPlan.code) {
        throw ruleViolated('A renewal keeps the current plan; choose an upgrade to change plans.', {
          planCode: `expected ${currentPlan.code}`,
        });
      }
      const termYears = requireTermYears(choice);
      assertSeatsWithin(currentPlan, choice.seats);
      const termStart = renewalTermStart({ termEnd: subscription.termEnd, today, graceDays: ctx.graceDays });
      result = {
        kind: 'renew',
        plan: currentPlan,
        seats: choice.seats,
        termYears,
        termStart,
        termEnd: addYears(termStart, termYears),
        priced: priceRenewal({
          planCode: currentPlan.code,
          unitAmountMinor: unitPrice(currentPlan, currency),
          seats: choice.seats,
          termYears,
          rules: rules.rules,
          termEnd: subscription.termEnd,
          today,
          taxRateBp: ctx.taxRateBp,
          retentionBp,
        }),
      };
      break;
    }
    case 'upgrade': {
      const plan = ctx.catalog.find((p) => p.code === choice.planCode);
      if (!plan?.isActive) throw ruleViolated('There is no such plan.', { planCode: 'unknown plan' });
      if (plan.tierRank <= currentPlan.tierRank) {
        throw ruleViolated('An upgrade goes to a higher plan; a lower plan can be chosen only with us.', {
          planCode: `not above ${currentPlan.code}`,
        });
      }
      if (plan.prices[currency] === undefined) {
        throw ruleViolated(`${plan.name} has no price in ${currency}.`, { planCode: 'not priced' });
      }
      const termYears = requireTermYears(choice);
      assertSeatsWithin(plan, choice.seats);
      const currentTermYears = termYearsOf(subscription.termStart, runningTermEnd);
      result = {
        kind: 'upgrade',
        plan,
        seats: choice.seats,
        termYears,
        termStart: today,
        termEnd: addYears(today, termYears),
        priced: priceUpgrade({
          planCode: plan.code,
          unitAmountMinor: unitPrice(plan, currency),
          seats: choice.seats,
          termYears,
          rules: rules.rules,
          today,
          current: {
            planCode: currentPlan.code,
            termValueMinor: subscription.annualValue.amountMinor * currentTermYears,
            termStart: subscription.termStart,
            termEnd: runningTermEnd,
          },
          paidAhead: ctx.paidAhead,
          taxRateBp: ctx.taxRateBp,
        }),
      };
      break;
    }
    case 'seats': {
      if (choice.planCode !== currentPlan.code) {
        throw ruleViolated('Seats are added to the current plan.', {
          planCode: `expected ${currentPlan.code}`,
        });
      }
      if (choice.seats <= subscription.seats) {
        throw ruleViolated('Seats can be added during the term; to have fewer, renew with fewer seats.', {
          seats: `more than ${subscription.seats}`,
        });
      }
      assertSeatsWithin(currentPlan, choice.seats);
      if (!isTermRunning(ctx))
        throw ruleViolated('Seats can only be added while the term runs; renew instead.');
      result = {
        kind: 'seats',
        plan: currentPlan,
        seats: choice.seats,
        termYears: null,
        termStart: today,
        termEnd: subscription.termEnd,
        priced: priceSeatAddition({
          planCode: currentPlan.code,
          unitAmountMinor: subscription.annualValue.amountMinor / subscription.seats,
          currentSeats: subscription.seats,
          seats: choice.seats,
          today,
          current: { termStart: subscription.termStart, termEnd: subscription.termEnd },
          taxRateBp: ctx.taxRateBp,
        }),
      };
      break;
    }
    default: {
      const unreachable: never = choice.kind;
      throw new Error(`unknown offer kind ${String(unreachable)}`);
    }
  }
  if (result.priced.totalMinor < minimumChargeMinor(currency)) {
    throw ruleViolated('The credit for the current term covers this option; choose a longer term.');
  }
  const offer = toOffer(ctx, result);
  // A save offer is its own offer: asking for the plain choice again never finds (or supersedes into) it.
  if (retentionBp > 0) offer.id = `${offer.id}:save${retentionBp}`;
  return { offer, priced: result.priced, plan: result.plan };
}

function requireTermYears(choice: Choice): TTermYears {
  if (choice.termYears === undefined) throw ruleViolated('Choose a term.', { termYears: 'required' });
  return choice.termYears;
}

function unitPrice(plan: PricedPlan, currency: string): number {
  const price = plan.prices[currency];
  if (price === undefined) throw ruleViolated(`${plan.name} has no price in ${currency}.`);
  return price;
}
