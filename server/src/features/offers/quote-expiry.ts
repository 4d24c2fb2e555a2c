// When a quote stops being payable: `quoteValidityDays` after it is made, or at the end of the grace period
// (the start of the first expired day, in the vendor's time zone), whichever is first. A seat addition buys
// part of the running term, so its quote also ends when the term does.

import { addDays, type CalendarDate, calendarDateIn } from '@portal/shared/dates';
import type { TOfferKind } from '@portal/shared/schemas/offers';

const DAY_MS = 86_400_000;

/** The UTC offset of a time zone at an instant, in milliseconds (positive east of Greenwich). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wallClockAsUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wallClockAsUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a calendar day begins in a time zone: its first instant whose local date is that day (local
 * midnight, or the end of a daylight-saving gap that swallows midnight). Midnight lies within 14 hours of
 * midnight UTC, so the offsets in force 14 hours either side are the only candidates.
 */
export function startOfDayIn(date: CalendarDate, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00.000Z`);
  const offsets = [-14, 14].map((hours) => zoneOffsetMs(new Date(midnightUtc + hours * 3_600_000), timeZone));
  const candidates = offsets
    .map((offset) => midnightUtc - offset)
    .filter((instant) => calendarDateIn(new Date(instant), timeZone) === date);
  return new Date(candidates.length ? Math.min(...candidates) : midnightUtc - (offsets[0] ?? 0));
}

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
