// The API of a consumer's "Cancel contract" (decision 017): what ending the contract now would mean, computed
// by the server (the right, the last day of service, the refund), and the confirmation, which names the
// figures it was shown so that a change meanwhile is refused rather than applied.

import { z } from 'zod';
import { CANCELLATION_RIGHTS, NO_CANCELLATION_REASONS } from '../consumer-cancellation.ts';
import { ZCalendarDate, ZMoney } from './common.ts';

/** GET /api/subscriptions/:id/cancellation */
export const ZCancellationOffer = z.object({
  right: z.enum(CANCELLATION_RIGHTS).nullable(),
  /** Why there is no right to end it early (null when there is). */
  reason: z.enum(NO_CANCELLATION_REASONS).nullable(),
  /** The last day of service if ended now (inclusive), and the refund of the time paid and not used. */
  lastDay: ZCalendarDate.nullable(),
  refund: ZMoney.nullable(),
  /** Only admins may end the contract. */
  canCancel: z.boolean(),
  /** Set once ended: what was decided and whether the refund went through. */
  cancelled: z
    .object({
      lastDay: ZCalendarDate,
      refund: ZMoney,
      refundState: z.enum(['refunding', 'refunded', 'refund_failed']),
      at: z.string(),
    })
    .nullable(),
});
export type TCancellationOffer = z.infer<typeof ZCancellationOffer>;

/** POST /api/subscriptions/:id/cancellation: the second step, naming what the first step showed. */
export const ZCancelContract = z.object({
  lastDay: ZCalendarDate,
  refundMinor: z.number().int().min(0),
  confirm: z.literal(true),
});
export type TCancelContract = z.infer<typeof ZCancelContract>;
