import { startOfDayIn } from '@portal/shared/dates';
import { describe, expect, it } from 'vitest';
import { quoteExpiresAt } from './quote-expiry.ts';

describe('start of a day in a time zone', () => {
  it('is midnight local time', () => {
    expect(startOfDayIn('2026-12-01', 'UTC').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(startOfDayIn('2026-12-01', 'Asia/Tokyo').toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(startOfDayIn('2026-12-01', 'America/Los_Angeles').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(startOfDayIn('2026-07-01', 'America/Los_Angeles').toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });

  it('holds on daylight-saving days', () => {
    // US clocks go forward on 2026-03-08 at 02:00 and back on 2026-11-01 at 02:00; midnight is unaffected.
    expect(startOfDayIn('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDayIn('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    // Santiago skips midnight when it goes forward (2026-09-06): the day starts at 01:00 local.
    expect(startOfDayIn('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });
});

describe('quote expiry', () => {
  const base = {
    now: new Date('2026-11-23T12:00:00.000Z'),
    graceDays: 14,
    validityDays: 14,
    timeZone: 'UTC',
  };

  it('is 14 days after the quote when grace ends later', () => {
    expect(quoteExpiresAt({ ...base, kind: 'renew', termEnd: '2027-01-26' }).toISOString()).toBe(
      '2026-12-07T12:00:00.000Z',
    );
  });

  it('is the end of grace when that comes first', () => {
    expect(quoteExpiresAt({ ...base, kind: 'renew', termEnd: '2026-11-17' }).toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
  });

  it('ignores a grace period that is already over (a lapsed subscription renewed late)', () => {
    expect(quoteExpiresAt({ ...base, kind: 'renew', termEnd: '2026-09-09' }).toISOString()).toBe(
      '2026-12-07T12:00:00.000Z',
    );
  });

  it('ends a seat addition’s quote with the term it adds to', () => {
    expect(quoteExpiresAt({ ...base, kind: 'seats', termEnd: '2026-11-30' }).toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    );
  });
});
