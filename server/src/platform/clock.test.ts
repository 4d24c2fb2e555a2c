import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClock } from './clock.ts';

describe('the system clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns to the next date at midnight in its time zone, the same minute, and with the demo offset', () => {
    vi.useFakeTimers();
    // Midnight in Los Angeles (UTC-8 in winter) is 08:00 UTC.
    vi.setSystemTime(new Date('2026-12-02T07:59:30.000Z'));
    const clock = createClock('America/Los_Angeles');
    expect(clock.today()).toBe('2026-12-01');
    vi.setSystemTime(new Date('2026-12-02T07:59:59.999Z'));
    expect(clock.today()).toBe('2026-12-01');
    vi.setSystemTime(new Date('2026-12-02T08:00:00.000Z'));
    expect(clock.today()).toBe('2026-12-02');
    // Kathmandu is UTC+5:45: its midnight is not on an hour of UTC.
    const kathmandu = createClock('Asia/Kathmandu');
    vi.setSystemTime(new Date('2026-12-02T18:14:59.000Z'));
    expect(kathmandu.today()).toBe('2026-12-02');
    vi.setSystemTime(new Date('2026-12-02T18:15:00.000Z'));
    expect(kathmandu.today()).toBe('2026-12-03');
    clock.setOffsetMs(86_400_000);
    expect(clock.today()).toBe('2026-12-03');
  });
});
