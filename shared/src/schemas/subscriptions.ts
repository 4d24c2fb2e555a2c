import { z } from 'zod';
import { NEXT_ACTIONS, SUBSCRIPTION_STATUSES } from '../status.ts';
import { ZCalendarDate, ZMoney } from './common.ts';

export const ZSubscriptionStatus = z.enum(SUBSCRIPTION_STATUSES);

export const ZSubscriptionSummary = z.object({
  id: z.string(),
  label: z.string(),
  plan: z.object({ id: z.string(), code: z.string(), name: z.string(), tierRank: z.number().int() }),
  seats: z.number().int(),
  currency: z.string(),
  termStart: ZCalendarDate,
  /** Exclusive: the first day without service. */
  termEnd: ZCalendarDate,
  /** The last day of service (termEnd − 1), for display. */
  lastDay: ZCalendarDate,
  status: ZSubscriptionStatus,
  cancelledAt: z.string().nullable(),
  daysLeft: z.number().int(),
  graceDaysLeft: z.number().int().nullable(),
  autoRenew: z.object({
    enabled: z.boolean(),
    termYears: z.number().int().nullable(),
    /**
     * The vendor's old system renewed it automatically (loaded by vendor-api) and it is not on here: ask the
     * customer to consent to collect. Never consent by itself (issue 13).
     */
    askConsent: z.boolean().optional(),
  }),
  annualValue: ZMoney,
  hasPendingPayment: z.boolean(),
  nextAction: z.enum(NEXT_ACTIONS),
  /**
   * A term already paid for that has not started (an early renewal): its plan, seats and dates apply from
   * `termStart`; until then the fields above are the running term's. Null when none is scheduled.
   */
  nextTerm: z
    .object({
      termStart: ZCalendarDate,
      termEnd: ZCalendarDate,
      lastDay: ZCalendarDate,
      plan: z.object({ code: z.string(), name: z.string() }),
      seats: z.number().int(),
    })
    .nullable()
    .optional(),
});
export type TSubscriptionSummary = z.infer<typeof ZSubscriptionSummary>;

export const ZSubscriptionEvent = z.object({
  id: z.string(),
  type: z.string(),
  at: z.string(),
  actor: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TSubscriptionEvent = z.infer<typeof ZSubscriptionEvent>;

export const ZSubscriptionDetail = ZSubscriptionSummary.extend({
  history: z.array(ZSubscriptionEvent),
});
export type TSubscriptionDetail = z.infer<typeof ZSubscriptionDetail>;
