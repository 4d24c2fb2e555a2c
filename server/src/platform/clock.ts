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
  return {
    timeZone,
    now,
    today: () => calendarDateIn(now(), timeZone),
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
