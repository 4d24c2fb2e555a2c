// "Every day at an hour" on top of the interval scheduler: a tick (registered with `every`, e.g. each minute)
// starts the job once the vendor's clock has passed the hour and no run for today has happened. Because the
// check reads the clock, a demo clock moved forward triggers the new day's run; because it asks the job's own
// record, a restart after the hour runs it once, not again.

import type { CalendarDate } from '@portal/shared/dates';
import type { Clock } from '../clock.ts';

/** The hour (0–23) of an instant in a time zone. */
export function hourIn(instant: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(
    instant,
  );
  return Number(hour);
}

export function dailyAt(options: {
  hour: number;
  clock: Clock;
  hasRunFor: (today: CalendarDate) => Promise<boolean>;
  run: (today: CalendarDate) => Promise<unknown>;
}): () => Promise<unknown> {
  return async () => {
    const now = options.clock.now();
    if (hourIn(now, options.clock.timeZone) < options.hour) return undefined;
    const today = options.clock.today();
    if (await options.hasRunFor(today)) return undefined;
    return options.run(today);
  };
}
