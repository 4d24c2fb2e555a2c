// The API of offers, quotes, the catalog and the pricing rules: request bodies (a client names a choice,
// never a price), the priced lines the server computes, and the replies the web app renders.

import { z } from 'zod';
import { ZCalendarDate, ZCurrency, ZMoney } from './common.ts';

export const OFFER_KINDS = ['renew', 'upgrade', 'seats'] as const;
export const ZOfferKind = z.enum(OFFER_KINDS);
export type TOfferKind = z.infer<typeof ZOfferKind>;

export const TERM_YEARS = [1, 2, 3] as const;
export const ZTermYears = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  error: 'Choose a term of 1, 2 or 3 years',
});
export type TTermYears = z.infer<typeof ZTermYears>;

/** Any seat count a request may name; the plan's own bounds are a rule (422), checked by the server. */
export const MAX_SEATS_IN_REQUEST = 100_000;
export const ZSeats = z
  .number({ error: 'Enter a number of seats' })
  .int('Seats must be a whole number')
  .min(1, 'At least one seat')
  .max(MAX_SEATS_IN_REQUEST, 'Too many seats');

export const ZPlanCode = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Not a plan code');

/** Basis points: 100 bp = 1 %. Whole numbers only, so no rule is ever a float. */
export const ZBasisPoints = z.number().int('Use whole basis points').min(0).max(10_000);

// ---- pricing rules (ops-configurable, versioned) ----

export const ZPricingRules = z
  .object({
    /** Discount on the list price for a 2- or 3-year term. */
    multiYear: z.object({ twoYearsBp: ZBasisPoints, threeYearsBp: ZBasisPoints }).strict(),
    /** A renewal quoted at least `minDaysBeforeTermEnd` days before term_end earns `discountBp`. */
    earlyRenewal: z
      .object({ minDaysBeforeTermEnd: z.number().int().min(0).max(365), discountBp: ZBasisPoints })
      .strict(),
    /** Discount on the list price of an upgrade to a higher plan. */
    upgradeIncentiveBp: ZBasisPoints,
    /** Cap on the sum of the percentage discounts of one offer. */
    maxTotalDiscountBp: ZBasisPoints,
    /** A quote expires this many days after it is made (or at the end of grace, whichever is first). */
    quoteValidityDays: z.number().int().min(1).max(90),
    /** A lapsed subscription can be renewed until this many days after its term_end (inclusive), not later. */
    renewableDaysAfterTermEnd: z.number().int().min(0).max(3650),
  })
  .strict();
export type TPricingRules = z.infer<typeof ZPricingRules>;

export const ZPricingRulesVersion = z.object({
  version: z.number().int(),
  rules: ZPricingRules,
  note: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string(),
});
export type TPricingRulesVersion = z.infer<typeof ZPricingRulesVersion>;

export const ZPublishPricingRulesRequest = z
  .object({
    /** The version the editor started from: a publish on top of a newer one answers 409. */
    basedOnVersion: z.number().int().min(0),
    rules: ZPricingRules,
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export type TPublishPricingRulesRequest = z.infer<typeof ZPublishPricingRulesRequest>;

// ---- priced lines ----

/** `retention`: a save offer ops configure for a churn reason; only the server grants it (never a client). */
export const DISCOUNT_REASONS = ['multi_year', 'early_renewal', 'upgrade_incentive', 'retention'] as const;
export const ZDiscountReason = z.enum(DISCOUNT_REASONS);
export type TDiscountReason = z.infer<typeof ZDiscountReason>;

/**
 * One line of an offer or quote, amounts signed in minor units of the offer's currency (discounts and credits
 * negative). Each carries the parameters the web app needs to word it in the reader's language.
 */
export const ZPriceLine = z.discriminatedUnion('code', [
  z.object({
    code: z.literal('list'),
    planCode: z.string(),
    seats: z.number().int(),
    termYears: z.number().int(),
    unitAmountMinor: z.number().int(),
    amountMinor: z.number().int(),
  }),
  z.object({
    code: z.literal('seat_addition'),
    planCode: z.string(),
    addedSeats: z.number().int(),
    unitAmountMinor: z.number().int(),
    termYears: z.number().int(),
    remainingDays: z.number().int(),
    termDays: z.number().int(),
    amountMinor: z.number().int(),
  }),
  z.object({
    code: z.literal('discount'),
    reason: ZDiscountReason,
    basisPoints: z.number().int(),
    /** multi_year: the term; early_renewal: days before term_end and the last day it can be quoted. */
    termYears: z.number().int().optional(),
    daysBeforeTermEnd: z.number().int().optional(),
    deadline: ZCalendarDate.optional(),
    amountMinor: z.number().int(),
  }),
  z.object({
    code: z.literal('discount_cap'),
    capBasisPoints: z.number().int(),
    amountMinor: z.number().int(),
  }),
  z.object({
    code: z.literal('proration_credit'),
    fromPlanCode: z.string(),
    termValueMinor: z.number().int(),
    remainingDays: z.number().int(),
    termDays: z.number().int(),
    amountMinor: z.number().int(),
  }),
  z.object({
    code: z.literal('tax'),
    rateBasisPoints: z.number().int(),
    amountMinor: z.number().int(),
  }),
]);
export type TPriceLine = z.infer<typeof ZPriceLine>;

// ---- catalog ----

export const ZCatalogPlan = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  tierRank: z.number().int(),
  description: z.string(),
  minSeats: z.number().int(),
  maxSeats: z.number().int(),
  coreModules: z.array(z.string()),
  features: z.array(z.string()),
});
export type TCatalogPlan = z.infer<typeof ZCatalogPlan>;

export const ZPlanPriceChange = z.object({
  currency: z.string(),
  amountMinor: z.number().int(),
  previousAmountMinor: z.number().int().nullable(),
  effectiveAt: z.string(),
  changedBy: z.string(),
});

export const ZOpsCatalogPlan = ZCatalogPlan.extend({
  isActive: z.boolean(),
  prices: z.array(ZMoney),
  history: z.array(ZPlanPriceChange),
});
export type TOpsCatalogPlan = z.infer<typeof ZOpsCatalogPlan>;

/** Ops type prices as major-unit decimals ("480.00", "72000" for JPY); the server converts them exactly. */
export const ZUpdatePlanPricesRequest = z
  .object({
    prices: z
      .array(
        z.object({
          currency: ZCurrency,
          amount: z.string().regex(/^\d{1,9}(\.\d{1,3})?$/, 'Enter an amount such as 480.00'),
        }),
      )
      .min(1)
      .max(20),
  })
  .strict();
export type TUpdatePlanPricesRequest = z.infer<typeof ZUpdatePlanPricesRequest>;

// ---- offers ----

export const ZOfferPlan = ZCatalogPlan.extend({ unitAmount: ZMoney });
export type TOfferPlan = z.infer<typeof ZOfferPlan>;

export const ZOffer = z.object({
  /** Stable key of the choice, e.g. `renew:professional:3y:45`. */
  id: z.string(),
  kind: ZOfferKind,
  plan: ZOfferPlan,
  seats: z.number().int(),
  /** Null for a seat change, which keeps the current term. */
  termYears: ZTermYears.nullable(),
  /** The period paid for: the new term, or the rest of the current term for a seat change. */
  termStart: ZCalendarDate,
  /** Exclusive. */
  termEnd: ZCalendarDate,
  lines: z.array(ZPriceLine),
  /** The list line(s) before discounts. */
  list: ZMoney,
  /** Sum of the discounts after the cap, as a positive amount: the savings against the 1-year list price. */
  savings: ZMoney,
  savingsBasisPoints: z.number().int(),
  /** Unused value of the current term credited to an upgrade, positive. */
  credit: ZMoney,
  tax: ZMoney,
  total: ZMoney,
  /** Price of the term after discounts, per year (null for a seat change). */
  pricePerYear: ZMoney.nullable(),
  /** When a quote made now from this offer would expire (ISO instant). */
  validUntil: z.string(),
  recommended: z.boolean(),
});
export type TOffer = z.infer<typeof ZOffer>;

export const UNRENEWABLE_REASONS = ['cancelled', 'expired_too_long', 'not_priced'] as const;

export const ZOfferSubscription = z.object({
  id: z.string(),
  label: z.string(),
  status: z.string(),
  daysLeft: z.number().int(),
  seats: z.number().int(),
  currency: z.string(),
  termStart: ZCalendarDate,
  termEnd: ZCalendarDate,
  plan: ZCatalogPlan,
});

export const ZQuoteRef = z.object({
  id: z.string(),
  number: z.string(),
  offerId: z.string(),
  expiresAt: z.string(),
});

export const ZOffersResponse = z.discriminatedUnion('renewable', [
  z.object({
    renewable: z.literal(true),
    subscription: ZOfferSubscription,
    rulesVersion: z.number().int(),
    /** The seat count the offers are priced for (`?seats=`, default the current count). */
    seats: z.number().int(),
    offers: z.array(ZOffer),
    openQuote: ZQuoteRef.nullable(),
  }),
  z.object({
    renewable: z.literal(false),
    subscription: ZOfferSubscription,
    reason: z.enum(UNRENEWABLE_REASONS),
  }),
]);
export type TOffersResponse = z.infer<typeof ZOffersResponse>;

/** Query of the offers endpoint; digits only, so a negative or fractional count is a 400. */
export const ZOffersQuery = z
  .object({
    seats: z
      .string()
      .regex(/^\d{1,6}$/, 'Seats must be a whole number')
      .transform(Number)
      .pipe(ZSeats)
      .optional(),
  })
  .strip();

// ---- quotes ----

/**
 * The choice to freeze into a quote. It names a choice, never a price: unknown keys (any price a client sends)
 * are stripped. `termYears` is needed for a renewal or an upgrade; a seat change keeps the current term.
 */
export const ZQuoteRequest = z
  .object({
    kind: ZOfferKind,
    planCode: ZPlanCode,
    termYears: ZTermYears.optional(),
    seats: ZSeats,
  })
  .strip()
  .superRefine((value, ctx) => {
    if (value.kind !== 'seats' && value.termYears === undefined) {
      ctx.addIssue({ code: 'custom', path: ['termYears'], message: 'Choose a term of 1, 2 or 3 years' });
    }
  });
export type TQuoteRequest = z.infer<typeof ZQuoteRequest>;

export const QUOTE_STATUSES = ['open', 'superseded', 'expired', 'paid'] as const;
export const ZQuoteStatus = z.enum(QUOTE_STATUSES);
export type TQuoteStatus = z.infer<typeof ZQuoteStatus>;

export const ZQuote = z.object({
  id: z.string(),
  /** Human number, gapless per year: `Q-2026-000001`. */
  number: z.string(),
  status: ZQuoteStatus,
  /** Open and not expired: the payment issue lets an admin pay it. */
  isPayable: z.boolean(),
  offerId: z.string(),
  kind: ZOfferKind,
  subscription: z.object({ id: z.string(), label: z.string() }),
  buyer: z.object({ accountName: z.string(), requestedBy: z.string(), requestedByEmail: z.string() }),
  plan: z.object({ code: z.string(), name: z.string(), tierRank: z.number().int() }),
  fromPlan: z.object({ code: z.string(), name: z.string() }),
  seats: z.number().int(),
  previousSeats: z.number().int(),
  termYears: ZTermYears.nullable(),
  termStart: ZCalendarDate,
  termEnd: ZCalendarDate,
  currency: z.string(),
  lines: z.array(ZPriceLine),
  list: ZMoney,
  savings: ZMoney,
  credit: ZMoney,
  tax: ZMoney,
  total: ZMoney,
  pricePerYear: ZMoney.nullable(),
  /** Per seat per year after discounts: what fulfilment records as the subscription's contracted price. */
  contractUnitPrice: ZMoney,
  rulesVersion: z.number().int(),
  createdAt: z.string(),
  expiresAt: z.string(),
  supersededAt: z.string().nullable(),
  supersededByNumber: z.string().nullable(),
  paidAt: z.string().nullable(),
});
export type TQuote = z.infer<typeof ZQuote>;
