// The one source of "now" and "today". Tests pass a fixed clock; demos move the portal's date forward with an
// offset that ops set (never with a real Stripe key, see the ops feature).

import { type CalendarDate, calendarDateIn } from '@portal/shared/dates';

export type Clock = {
  now(): Date;
  /** Today's calendar date in the vendor's time zone. */
  today(): CalendarDate;
  timeZone: string;
};

export type AdjustableClock = Clock & {
  offsetMs(): number;
  setOffsetMs(offsetMs: number): void;
};

/** The system clock plus an offset (0 outside demos). */
export function createClock(timeZone: string, initialOffsetMs = 0): AdjustableClock {
  let offset = initialOffsetMs;
  const now = () => new Date(Date.now() + offset);
  // Every request asks for today (Intl formatting, a few per cent of a small request): the date is kept for
  // the rest of the UTC minute, since every zone's offset from UTC has been a whole number of minutes since 1972.
  let todayOf = { minute: Number.NaN, date: '' as CalendarDate };
  return {
    timeZone,
    now,
    today: () => {
      const at = now();
      const minute = Math.floor(at.getTime() / 60_000);
      if (minute !== todayOf.minute) todayOf = { minute, date: calendarDateIn(at, timeZone) };
      return todayOf.date;
    },
    offsetMs: () => offset,
    setOffsetMs: (next) => {
      offset = next;
    },
  };
}

/** A clock standing still at an instant; `set` moves it (tests). */
export function createFixedClock(
  iso: string,
  timeZone = 'UTC',
): AdjustableClock & { set(iso: string): void } {
  let instant = new Date(iso).getTime();
  let offset = 0;
  const now = () => new Date(instant + offset);
  return {
    timeZone,
    now,
    today: () => calendarDateIn(now(), timeZone),
    offsetMs: () => offset,
    setOffsetMs: (next) => {
      offset = next;
    },
    set: (next) => {
      instant = new Date(next).getTime();
    },
  };
}
