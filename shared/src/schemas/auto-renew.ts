// The API of auto-renew: the state an admin sees before turning it on (the card, the quote the renewal will
// use, the notice dates and the exact terms to agree to), the switch with its consent, the one-click opt-out
// link, reminders muting, and for ops the renewal runs, the renewals needing attention and the notice policies.

import { z } from 'zod';
import { NOTICE_KINDS } from '../notice-policy.ts';
import { ZCalendarDate, ZMoney } from './common.ts';
import { ZTermYears } from './offers.ts';

export const ZNoticeKind = z.enum(NOTICE_KINDS);

/** PUT /api/subscriptions/:id/auto-renew. Turning it on names the terms the admin was shown (their hash). */
export const ZAutoRenewUpdate = z.object({
  enabled: z.boolean(),
  termYears: ZTermYears.optional(),
  consent: z.object({ termsHash: z.string().min(8).max(128), accepted: z.literal(true) }).optional(),
});
export type TAutoRenewUpdate = z.infer<typeof ZAutoRenewUpdate>;

export const ZSavedCard = z.object({
  brand: z.string(),
  last4: z.string(),
  expMonth: z.number().int().nullable(),
  expYear: z.number().int().nullable(),
});
export type TSavedCard = z.infer<typeof ZSavedCard>;

export const ZScheduledNotice = z.object({
  kind: z.enum([...NOTICE_KINDS, 'consent', 'change']),
  date: ZCalendarDate,
  daysBefore: z.number().int(),
  status: z.enum(['planned', 'scheduled', 'sent', 'skipped', 'cancelled']),
  sentAt: z.string().nullable(),
});
export type TScheduledNotice = z.infer<typeof ZScheduledNotice>;

/** What turning auto-renew on for a term would mean: the charge, the new term, the notices, the terms. */
export const ZAutoRenewOption = z.object({
  termYears: ZTermYears,
  amount: ZMoney,
  chargeDate: ZCalendarDate,
  newTermStart: ZCalendarDate,
  newTermEnd: ZCalendarDate,
  notices: z.array(ZScheduledNotice),
  /** The exact words to agree to; null until a card is saved (the terms name it). */
  terms: z.object({ text: z.string(), hash: z.string() }).nullable(),
});
export type TAutoRenewOption = z.infer<typeof ZAutoRenewOption>;

export const RENEWAL_STATES = [
  'planning',
  'scheduled',
  'deferred',
  'charging',
  'retrying',
  'requires_action',
  'needs_attention',
  'succeeded',
  'failed',
  'expired',
  'cancelled',
  'superseded',
] as const;
export const ZRenewalState = z.enum(RENEWAL_STATES);
export type TRenewalState = z.infer<typeof ZRenewalState>;

/** The automatic renewal of the running term. */
export const ZRenewalPlan = z.object({
  id: z.string(),
  state: ZRenewalState,
  termYears: z.number().int(),
  chargeDate: ZCalendarDate,
  newTermEnd: ZCalendarDate.nullable(),
  amount: ZMoney.nullable(),
  quote: z.object({ id: z.string(), number: z.string(), isPayable: z.boolean() }).nullable(),
  notices: z.array(ZScheduledNotice),
  attempts: z.number().int(),
  nextAttemptDate: ZCalendarDate.nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The charge date moved because a notice went out late or was not delivered. */
  deferredUntil: ZCalendarDate.nullable(),
});
export type TRenewalPlan = z.infer<typeof ZRenewalPlan>;

export const ZConsentRecord = z.object({
  id: z.string(),
  action: z.enum(['enabled', 'term_changed', 'disabled']),
  at: z.string(),
  by: z.string(),
  via: z.enum(['portal', 'email_link', 'checkout', 'system']),
  termYears: z.number().int().nullable(),
  amount: ZMoney.nullable(),
  termsText: z.string().nullable(),
});
export type TConsentRecord = z.infer<typeof ZConsentRecord>;

export const CANNOT_TURN_ON_REASONS = [
  'cancelled',
  'expired',
  'grace',
  'not_renewable',
  'charge_started',
] as const;

export const ZAutoRenewState = z.object({
  subscription: z.object({
    id: z.string(),
    label: z.string(),
    planName: z.string(),
    seats: z.number().int(),
    termEnd: ZCalendarDate,
    lastDay: ZCalendarDate,
    status: z.string(),
  }),
  enabled: z.boolean(),
  termYears: z.number().int().nullable(),
  canTurnOn: z.boolean(),
  cannotTurnOnReason: z.enum(CANNOT_TURN_ON_REASONS).nullable(),
  /** Turning it off is possible until the charge starts. */
  canTurnOff: z.boolean(),
  card: ZSavedCard.nullable(),
  policy: z.object({ id: z.string(), label: z.string() }),
  /** For each term, what turning it on would mean (empty when it cannot be turned on). */
  options: z.array(ZAutoRenewOption),
  renewal: ZRenewalPlan.nullable(),
  consents: z.array(ZConsentRecord),
  remindersMuted: z.boolean(),
});
export type TAutoRenewState = z.infer<typeof ZAutoRenewState>;

// ---- saving a card (Checkout in setup mode) ----

export const ZCardSetupRequest = z.object({ subscriptionId: z.string().min(1).max(64) });
export const ZCardSetupResponse = z.object({ url: z.string() });
export const ZCardSetupConfirm = z.object({ sessionId: z.string().min(1).max(255) });
export const ZCardSetupResult = z.object({
  state: z.enum(['saved', 'open', 'expired']),
  card: ZSavedCard.nullable(),
});
export type TCardSetupResult = z.infer<typeof ZCardSetupResult>;

// ---- the one-click link in notices (no sign-in; a signed token) ----

export const ZOptOutQuery = z.object({ token: z.string().min(10).max(512) });
export const ZOptOutRequest = ZOptOutQuery;
export const ZOptOutInfo = z.object({
  subscriptionLabel: z.string(),
  accountName: z.string(),
  termEnd: ZCalendarDate,
  amount: ZMoney.nullable(),
  isEnabled: z.boolean(),
  /** The charge has started (or happened): too late to stop it here. */
  isTooLate: z.boolean(),
  locale: z.enum(['en', 'zh-CN']),
});
export type TOptOutInfo = z.infer<typeof ZOptOutInfo>;

export const ZRemindersUpdate = z.object({ muted: z.boolean() });

// ---- ops: runs, renewals needing attention, notice policies ----

export const ZRunStats = z.record(z.string(), z.number());
export const ZJobRun = z.object({
  id: z.string(),
  job: z.string(),
  forDate: ZCalendarDate,
  trigger: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'interrupted']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  stats: ZRunStats,
  error: z.string().nullable(),
});
export type TJobRun = z.infer<typeof ZJobRun>;

export const ZRenewalAttention = z.object({
  renewalId: z.string(),
  subscriptionId: z.string(),
  subscriptionLabel: z.string(),
  accountName: z.string(),
  state: ZRenewalState,
  chargeDate: ZCalendarDate,
  nextAttemptDate: ZCalendarDate.nullable(),
  attempts: z.number().int(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type TRenewalAttention = z.infer<typeof ZRenewalAttention>;

/** Where the law counts in months (France, Germany) the window is in calendar months. */
const ZUnit = z.enum(['days', 'months']);
const ZWindow = z.tuple([z.number().int().min(0).max(365), z.number().int().min(0).max(365)]);

export const ZNoticePolicy = z.object({
  id: z.string().min(1).max(40),
  label: z.string().min(1).max(120),
  match: z.union([
    z.literal('default'),
    z.object({
      country: z.string().regex(/^[A-Z]{2}$/),
      region: z.string().max(10).optional(),
    }),
  ]),
  advance: z.object({
    daysBefore: z.number().int().min(1).max(365),
    window: ZWindow,
    unit: ZUnit.optional(),
  }),
  finalDaysBefore: z.number().int().min(1).max(60).nullable(),
  advanceMinTermYears: z.number().int().min(0).max(10).optional(),
  annualReminder: z.boolean(),
  priceChange: z
    .object({ daysBefore: z.number().int().min(1).max(365), window: ZWindow, unit: ZUnit.optional() })
    .nullable(),
  source: z.string().max(500),
});
export const ZNoticePolicies = z
  .array(ZNoticePolicy)
  .min(1)
  .refine((policies) => policies.some((p) => p.match === 'default'), 'Keep a default policy')
  .refine((policies) => new Set(policies.map((p) => p.id)).size === policies.length, 'Ids must be unique');
export type TNoticePolicies = z.infer<typeof ZNoticePolicies>;
