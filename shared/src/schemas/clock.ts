// The demo clock (ops, with the Stripe emulator only): where the portal's "now" stands and how to move it.

import { z } from 'zod';
import { ZCalendarDate } from './common.ts';

export const ZDemoClock = z.object({
  now: z.string(),
  today: ZCalendarDate,
  /** Whole days the portal's date is ahead of the real one. */
  offsetDays: z.number().int(),
  timeZone: z.string(),
  /** False with a real Stripe key: the date cannot be moved. */
  isAdjustable: z.boolean(),
});
export type TDemoClock = z.infer<typeof ZDemoClock>;

/** Move the portal's date to `today` (never before the real date), or back to real time. */
export const ZDemoClockUpdate = z.union([
  z.object({ today: ZCalendarDate }).strict(),
  z.object({ reset: z.literal(true) }).strict(),
]);
export type TDemoClockUpdate = z.infer<typeof ZDemoClockUpdate>;
