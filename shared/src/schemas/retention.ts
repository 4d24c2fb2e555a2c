// Why customers leave: the reason an admin gives when turning auto-renew off or letting a renewal lapse,
// the save offer ops configure per reason, and the churn-reasons summary finance and ops read.

import { z } from 'zod';
import { ZMoney } from './common.ts';

export const CHURN_REASONS = [
  'too_expensive',
  'not_using',
  'missing_features',
  'switching',
  'budget_cut',
  'temporary',
  'other',
] as const;
export const ZChurnReason = z.enum(CHURN_REASONS);
export type TChurnReason = z.infer<typeof ZChurnReason>;

export const CHURN_CONTEXTS = ['auto_renew_off', 'lapse'] as const;
export const ZChurnContext = z.enum(CHURN_CONTEXTS);
export type TChurnContext = z.infer<typeof ZChurnContext>;

export const ZChurnFeedbackRequest = z
  .object({
    context: ZChurnContext,
    reason: ZChurnReason,
    comment: z
      .string()
      .trim()
      .max(1000, 'At most 1,000 characters')
      .transform((value) => (value === '' ? null : value))
      .nullable()
      .default(null),
  })
  .strict();
export type TChurnFeedbackRequest = z.input<typeof ZChurnFeedbackRequest>;

/** 'discount': a 1-year renewal with an extra discount (capped by the pricing rules); 'downgrade': fewer seats. */
export const SAVE_OFFER_KINDS = ['discount', 'downgrade'] as const;
export const ZSaveOfferKind = z.enum(SAVE_OFFER_KINDS);

export const ZSaveOfferConfig = z
  .object({
    reason: ZChurnReason,
    kind: ZSaveOfferKind,
    /** Basis points of extra discount (discount only); the rules' cap still applies. */
    discountBp: z.number().int('Use whole basis points').min(0).max(5000).nullable(),
    isActive: z.boolean(),
  })
  .strict()
  .refine((o) => o.kind !== 'discount' || (o.discountBp ?? 0) > 0, {
    message: 'A discount offer needs a discount',
    path: ['discountBp'],
  });
export type TSaveOfferConfig = z.infer<typeof ZSaveOfferConfig>;

export const ZSaveOffersUpdate = z
  .object({
    offers: z
      .array(ZSaveOfferConfig)
      .max(CHURN_REASONS.length)
      .refine((offers) => new Set(offers.map((o) => o.reason)).size === offers.length, {
        message: 'One offer per reason',
      }),
  })
  .strict();
export type TSaveOffersUpdate = z.input<typeof ZSaveOffersUpdate>;

/** The save offer shown once, priced by the server. */
export const ZSaveOffer = z.object({
  kind: ZSaveOfferKind,
  planName: z.string(),
  seats: z.number().int(),
  termYears: z.number().int(),
  list: ZMoney,
  savings: ZMoney,
  savingsBasisPoints: z.number().int(),
  total: ZMoney,
});
export type TSaveOffer = z.infer<typeof ZSaveOffer>;

export const ZChurnFeedbackResponse = z.object({
  feedbackId: z.string(),
  saveOffer: ZSaveOffer.nullable(),
});
export type TChurnFeedbackResponse = z.infer<typeof ZChurnFeedbackResponse>;

export const ZSaveOfferDecision = z.object({ decision: z.enum(['accept', 'decline']) }).strict();

export const ZChurnReasonCount = z.object({ reason: ZChurnReason, count: z.number().int() });
export const ZChurnReasonsSummary = z.object({
  since: z.string(),
  total: z.number().int(),
  reasons: z.array(ZChurnReasonCount),
  offersShown: z.number().int(),
  offersAccepted: z.number().int(),
});
export type TChurnReasonsSummary = z.infer<typeof ZChurnReasonsSummary>;
