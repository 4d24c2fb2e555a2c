// "Let a renewal lapse" (issue 14 item 5, decision 024): a customer admin decides that a subscription that
// would otherwise be renewed (reminders for a manual renewal, or auto-renew on) ends at the end of its term.
// The decision is about one subscription-term, stops that term's reminders (and turns auto-renew off through
// its usual path), and can be undone; renewing or paying later clears it.

import { z } from 'zod';
import { ZCalendarDate } from './common.ts';

/** Why a subscription cannot be let lapse now (null when it can). */
export const NO_LAPSE_REASONS = ['cancelled', 'ended', 'paid_ahead', 'charge_started'] as const;
export type TNoLapseReason = (typeof NO_LAPSE_REASONS)[number];

/** POST /api/subscriptions/:id/lapse — the churn feedback given on the same screen, if any. */
export const ZLapseRequest = z
  .object({ feedbackId: z.string().min(1).max(64).nullable().default(null) })
  .strict();
export type TLapseRequest = z.input<typeof ZLapseRequest>;

/** GET /api/subscriptions/:id/lapse */
export const ZLapseState = z.object({
  /** The standing decision for the running term, if any. */
  lapse: z
    .object({
      /** The last day of service (inclusive). */
      lastDay: ZCalendarDate,
      decidedAt: z.string(),
      decidedBy: z.string(),
      turnedOffAutoRenew: z.boolean(),
    })
    .nullable(),
  /** Null when the admin may let the renewal lapse now. */
  cannotLapse: z.enum(NO_LAPSE_REASONS).nullable(),
  /** Admins decide and undo; members only see the decision. */
  canManage: z.boolean(),
});
export type TLapseState = z.infer<typeof ZLapseState>;
