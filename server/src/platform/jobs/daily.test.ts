import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../clock.ts';
import { dailyAt, hourIn } from './daily.ts';

describe('dailyAt', () => {
  it('runs once the hour has passed in the vendor’s time zone, once per day', async () => {
    const clock = createFixedClock('2027-03-01T00:30:00Z', 'Asia/Shanghai'); // 08:30 in Shanghai
    const ran: string[] = [];
    const tick = dailyAt({
      hour: 9,
      clock,
      hasRunFor: async (today) => ran.includes(today),
      run: async (today) => ran.push(today),
    });
    await tick();
    expect(ran).toEqual([]);
    clock.set('2027-03-01T01:05:00Z'); // 09:05
    await tick();
    await tick();
    expect(ran).toEqual(['2027-03-01']);
    clock.set('2027-03-01T16:10:00Z'); // 00:10 on 2 March in Shanghai: before the hour
    await tick();
    expect(ran).toEqual(['2027-03-01']);
    clock.setOffsetMs(36 * 3_600_000); // a demo clock moved on: 12:10 on 3 March
    await tick();
    expect(ran).toEqual(['2027-03-01', '2027-03-03']);
  });

  it('reads the hour in the time zone', () => {
    expect(hourIn(new Date('2027-07-01T06:00:00Z'), 'America/Los_Angeles')).toBe(23);
    expect(hourIn(new Date('2027-07-01T00:00:00Z'), 'UTC')).toBe(0);
  });
});
