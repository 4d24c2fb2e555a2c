import { describe, expect, it } from 'vitest';
import { hourIn } from './daily.ts';

// The daily check itself (once per vendor day, across processes, moved on by the demo clock) is part of the
// engines' contract: testing/job-engines.ts, run by local-engine.test.ts and pg-boss-engine.test.ts.
describe('hourIn', () => {
  it('reads the hour in the time zone', () => {
    expect(hourIn(new Date('2027-07-01T06:00:00Z'), 'America/Los_Angeles')).toBe(23);
    expect(hourIn(new Date('2027-07-01T00:00:00Z'), 'UTC')).toBe(0);
    expect(hourIn(new Date('2027-03-01T01:05:00Z'), 'Asia/Shanghai')).toBe(9);
  });
});
