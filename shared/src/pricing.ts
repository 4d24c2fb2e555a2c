// The one pricing module: turns a choice (renew, upgrade, add seats) into priced lines under a version of the
// pricing rules. Pure and deterministic: no clock, no I/O. Amounts are integer minor units of one currency
// (so a JPY line is whole yen and a USD line whole cents); every line is rounded half-up once, and a total
// is the sum of its rounded lines (DESIGN.md §4, docs/decisions/004-pricing-rules-and-quotes.md).

import { addDays, addYears, type CalendarDate, compareDates, daysBetween } from './dates.ts';
import { currencyExponent, divideRoundHalfUp, percentOfMinor, sumMinor } from './money.ts';
import type { TDiscountReason, TPriceLine, TPricingRules } from './schemas/offers.ts';

/** DESIGN.md §4 defaults; ops publish their own versions on top. */
export const DEFAULT_PRICING_RULES: TPricingRules = {
  multiYear: { twoYearsBp: 800, threeYearsBp: 1500 },
  earlyRenewal: { minDaysBeforeTermEnd: 60, discountBp: 500 },
  upgradeIncentiveBp: 500,
  maxTotalDiscountBp: 2500,
  quoteValidityDays: 14,
  renewableDaysAfterTermEnd: 90,
};

export type PricedOffer = {
  lines: TPriceLine[];
  /** The list (or seat-addition) line before any discount. */
  listMinor: number;
  /** The discounts after the cap, positive. */
  savingsMinor: number;
  /** The discount actually granted, in basis points of the list line (the capped sum of the rules'). */
  savingsBasisPoints: number;
  /** The unused value of the current term credited to an upgrade, positive. */
  creditMinor: number;
  taxMinor: number;
  /** The sum of the lines: what the customer pays. */
  totalMinor: number;
  /** The term's price after discounts (before credit and tax). */
  termValueMinor: number;
  /** `termValueMinor` per year; null for a seat addition (it buys part of the current term). */
  pricePerYearMinor: number | null;
  /** Per seat per year after discounts: the contracted price of the term this buys. */
  contractUnitPriceMinor: number;
};

type DiscountInput = {
  reason: TDiscountReason;
  basisPoints: number;
  termYears?: number;
  daysBeforeTermEnd?: number;
  deadline?: CalendarDate;
};

/** Sign flip without JavaScript's negative zero (-0 would leak into JSON comparisons as a distinct value). */
const negate = (amountMinor: number): number => 0 - amountMinor;

function assertMinor(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new Error(`${what} must be an integer of minor units: ${value}`);
}

/** The multi-year discount of a term; none for one year. */
export function multiYearDiscountBp(rules: TPricingRules, termYears: number): number {
  if (termYears >= 3) return rules.multiYear.threeYearsBp;
  if (termYears === 2) return rules.multiYear.twoYearsBp;
  return 0;
}

/** A renewal quoted at least `minDaysBeforeTermEnd` days before term_end is early. */
export function isEarlyRenewal(rules: TPricingRules, daysBeforeTermEnd: number): boolean {
  return rules.earlyRenewal.discountBp > 0 && daysBeforeTermEnd >= rules.earlyRenewal.minDaysBeforeTermEnd;
}

/**
 * The discount lines of a list amount. Percentages are additive on the list line: each discount is its own
 * line, `round(list × bp)`; when their basis points add up to more than the cap, one `discount_cap` line gives
 * back the excess so that the discounts come to exactly `round(list × cap)`. Zero-percent discounts make no line.
 */
export function discountLines(
  listMinor: number,
  discounts: readonly DiscountInput[],
  capBp: number,
): { lines: TPriceLine[]; savingsMinor: number; savingsBasisPoints: number } {
  assertMinor(listMinor, 'list');
  const granted = discounts.filter((d) => d.basisPoints > 0);
  const lines: TPriceLine[] = granted.map((d) => ({
    code: 'discount',
    reason: d.reason,
    basisPoints: d.basisPoints,
    ...(d.termYears === undefined ? {} : { termYears: d.termYears }),
    ...(d.daysBeforeTermEnd === undefined ? {} : { daysBeforeTermEnd: d.daysBeforeTermEnd }),
    ...(d.deadline === undefined ? {} : { deadline: d.deadline }),
    amountMinor: negate(percentOfMinor(listMinor, d.basisPoints)),
  }));
  const totalBp = sumMinor(granted.map((d) => d.basisPoints));
  let savingsMinor = negate(sumMinor(lines.map((l) => l.amountMinor)));
  if (totalBp > capBp) {
    const capped = percentOfMinor(listMinor, capBp);
    const giveBack = Math.max(0, savingsMinor - capped);
    if (giveBack > 0) lines.push({ code: 'discount_cap', capBasisPoints: capBp, amountMinor: giveBack });
    savingsMinor -= giveBack;
  }
  return { lines, savingsMinor, savingsBasisPoints: Math.min(totalBp, capBp) };
}

/** `amountMinor × days / termDays`, rounded half-up once. Days are real calendar days, so leap years count. */
export function prorateByDay(amountMinor: number, days: number, termDays: number): number {
  assertMinor(amountMinor, 'amount');
  if (termDays <= 0) throw new Error('a term has at least one day');
  const clamped = Math.min(Math.max(days, 0), termDays);
  return divideRoundHalfUp(amountMinor * clamped, termDays);
}

/** The whole years a term spans (1 for 2026-03-01 → 2027-03-01); terms of odd length round to the nearest. */
export function termYearsOf(termStart: CalendarDate, termEnd: CalendarDate): number {
  for (let years = 1; years <= 10; years++) if (addYears(termStart, years) === termEnd) return years;
  return Math.max(1, Math.round(daysBetween(termStart, termEnd) / 365.2425));
}

/**
 * Where a renewal's new term starts: at the old term_end when renewed before expiry or in grace (no gap, no
 * lost days), otherwise today.
 */
export function renewalTermStart(input: {
  termEnd: CalendarDate;
  today: CalendarDate;
  graceDays: number;
}): CalendarDate {
  const isExpired = daysBetween(input.termEnd, input.today) >= input.graceDays;
  return isExpired ? input.today : input.termEnd;
}

function withTaxAndTotal(
  base: Omit<PricedOffer, 'taxMinor' | 'totalMinor' | 'lines'> & { lines: TPriceLine[] },
  taxRateBp: number,
): PricedOffer {
  const taxable = sumMinor(base.lines.map((l) => l.amountMinor));
  const taxMinor = percentOfMinor(taxable, taxRateBp);
  const lines: TPriceLine[] = [
    ...base.lines,
    { code: 'tax', rateBasisPoints: taxRateBp, amountMinor: taxMinor },
  ];
  return { ...base, lines, taxMinor, totalMinor: sumMinor(lines.map((l) => l.amountMinor)) };
}

export type TermPriceInput = {
  planCode: string;
  /** Catalog price per seat per year, minor units. */
  unitAmountMinor: number;
  seats: number;
  termYears: number;
  rules: TPricingRules;
  /** Tax rate in basis points (0 until invoices bring per-country rates). */
  taxRateBp?: number;
};

function priceTerm(
  input: TermPriceInput,
  discounts: DiscountInput[],
  credits: readonly TPriceLine[],
): PricedOffer {
  assertMinor(input.unitAmountMinor, 'unit price');
  const listMinor = input.unitAmountMinor * input.seats * input.termYears;
  assertMinor(listMinor, 'list');
  const list: TPriceLine = {
    code: 'list',
    planCode: input.planCode,
    seats: input.seats,
    termYears: input.termYears,
    unitAmountMinor: input.unitAmountMinor,
    amountMinor: listMinor,
  };
  const discounted = discountLines(listMinor, discounts, input.rules.maxTotalDiscountBp);
  const termValueMinor = listMinor - discounted.savingsMinor;
  return withTaxAndTotal(
    {
      lines: [list, ...discounted.lines, ...credits],
      listMinor,
      savingsMinor: discounted.savingsMinor,
      savingsBasisPoints: discounted.savingsBasisPoints,
      creditMinor: credits.reduce((sum, credit) => sum + negate(credit.amountMinor), 0),
      termValueMinor,
      pricePerYearMinor: divideRoundHalfUp(termValueMinor, input.termYears),
      contractUnitPriceMinor: divideRoundHalfUp(termValueMinor, input.seats * input.termYears),
    },
    input.taxRateBp ?? 0,
  );
}

/**
 * Renewing the same plan: list price × seats × years, less the multi-year discount and, when quoted at least
 * the early-renewal window before term_end, the early-renewal discount; both capped together.
 */
export function priceRenewal(
  input: TermPriceInput & {
    termEnd: CalendarDate;
    today: CalendarDate;
    /** A save offer's extra discount (server-side only), capped with the others. */
    retentionBp?: number;
  },
): PricedOffer {
  const daysBeforeTermEnd = daysBetween(input.today, input.termEnd);
  const discounts: DiscountInput[] = [
    {
      reason: 'multi_year',
      basisPoints: multiYearDiscountBp(input.rules, input.termYears),
      termYears: input.termYears,
    },
  ];
  if (isEarlyRenewal(input.rules, daysBeforeTermEnd)) {
    discounts.push({
      reason: 'early_renewal',
      basisPoints: input.rules.earlyRenewal.discountBp,
      daysBeforeTermEnd,
      deadline: addDays(input.termEnd, -input.rules.earlyRenewal.minDaysBeforeTermEnd),
    });
  }
  if (input.retentionBp) discounts.push({ reason: 'retention', basisPoints: input.retentionBp });
  return priceTerm(input, discounts, []);
}

/** A span of service already paid for: its plan, the value paid for the whole span (before tax), its dates. */
export type PaidSpan = {
  planCode: string;
  termValueMinor: number;
  termStart: CalendarDate;
  termEnd: CalendarDate;
};

/**
 * The unused value of one paid span from `today`, prorated by day (`value × days left in it / its days`): the
 * whole value for a span not started yet (a next term paid ahead), nothing for one already over.
 */
function prorationCredit(today: CalendarDate, span: PaidSpan): TPriceLine | null {
  const termDays = daysBetween(span.termStart, span.termEnd);
  const from = compareDates(today, span.termStart) > 0 ? today : span.termStart;
  const remainingDays = Math.min(Math.max(daysBetween(from, span.termEnd), 0), termDays);
  const creditMinor = remainingDays > 0 ? prorateByDay(span.termValueMinor, remainingDays, termDays) : 0;
  if (creditMinor <= 0) return null;
  return {
    code: 'proration_credit',
    fromPlanCode: span.planCode,
    termValueMinor: span.termValueMinor,
    remainingDays,
    termDays,
    amountMinor: negate(creditMinor),
  };
}

/**
 * Upgrading to a higher plan from today: the new plan's list price for the term, less the multi-year discount
 * and the upgrade incentive (capped together), less the unused value actually paid (not a discount, so not
 * capped): the running term's `value × days from today to its end / its days`, and each term paid ahead
 * (`paidAhead`, not started yet) whole, at the value paid for it — one credit line per span, never the merged
 * span at the running term's price.
 */
export function priceUpgrade(
  input: TermPriceInput & {
    today: CalendarDate;
    current: PaidSpan;
    paidAhead?: readonly PaidSpan[];
  },
): PricedOffer {
  const discounts: DiscountInput[] = [
    {
      reason: 'multi_year',
      basisPoints: multiYearDiscountBp(input.rules, input.termYears),
      termYears: input.termYears,
    },
    { reason: 'upgrade_incentive', basisPoints: input.rules.upgradeIncentiveBp },
  ];
  const credits = [input.current, ...(input.paidAhead ?? [])]
    .map((span) => prorationCredit(input.today, span))
    .filter((line): line is TPriceLine => line !== null);
  return priceTerm(input, discounts, credits);
}

/**
 * Adding seats for the rest of the current term at the contracted per-seat price, prorated by day
 * (`unit × added seats × term years × days left / term days`). No discounts: the contracted price has them.
 */
export function priceSeatAddition(input: {
  planCode: string;
  /** The subscription's contracted price per seat per year. */
  unitAmountMinor: number;
  currentSeats: number;
  seats: number;
  today: CalendarDate;
  current: { termStart: CalendarDate; termEnd: CalendarDate };
  taxRateBp?: number;
}): PricedOffer {
  const addedSeats = input.seats - input.currentSeats;
  if (addedSeats <= 0) throw new Error('a seat addition adds seats');
  const termDays = daysBetween(input.current.termStart, input.current.termEnd);
  const remainingDays = Math.min(Math.max(daysBetween(input.today, input.current.termEnd), 0), termDays);
  if (remainingDays <= 0) throw new Error('seats are added to a running term');
  const termYears = termYearsOf(input.current.termStart, input.current.termEnd);
  const amountMinor = prorateByDay(input.unitAmountMinor * addedSeats * termYears, remainingDays, termDays);
  return withTaxAndTotal(
    {
      lines: [
        {
          code: 'seat_addition',
          planCode: input.planCode,
          addedSeats,
          unitAmountMinor: input.unitAmountMinor,
          termYears,
          remainingDays,
          termDays,
          amountMinor,
        },
      ],
      listMinor: amountMinor,
      savingsMinor: 0,
      savingsBasisPoints: 0,
      creditMinor: 0,
      termValueMinor: amountMinor,
      pricePerYearMinor: null,
      contractUnitPriceMinor: input.unitAmountMinor,
    },
    input.taxRateBp ?? 0,
  );
}

/** The smallest amount a quote may charge: one major unit (1.00 USD, 1 JPY), so a payment is never empty. */
export function minimumChargeMinor(currency: string): number {
  return 10 ** currencyExponent(currency);
}
