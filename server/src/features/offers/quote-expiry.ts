// When a quote stops being payable: `quoteValidityDays` after it is made, or at the end of the grace period
// (the start of the first expired day, in the vendor's time zone), whichever is first. A seat addition buys
// part of the running term, so its quote also ends when the term does.

import { addDays, type CalendarDate, startOfDayIn } from '@portal/shared/dates';
import type { TOfferKind } from '@portal/shared/schemas/offers';

const DAY_MS = 86_400_000;

export function quoteExpiresAt(input: {
  now: Date;
  kind: TOfferKind;
  termEnd: CalendarDate;
  graceDays: number;
  validityDays: number;
  timeZone: string;
}): Date {
  const candidates = [input.now.getTime() + input.validityDays * DAY_MS];
  const graceEnd = startOfDayIn(addDays(input.termEnd, input.graceDays), input.timeZone).getTime();
  if (graceEnd > input.now.getTime()) candidates.push(graceEnd);
  if (input.kind === 'seats') candidates.push(startOfDayIn(input.termEnd, input.timeZone).getTime());
  return new Date(Math.min(...candidates));
}
