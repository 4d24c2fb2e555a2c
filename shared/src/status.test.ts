import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { deriveSubscriptionStatus, nextActionFor } from './status.ts';

const today = '2026-11-23';
const withDaysLeft = (daysLeft: number, cancelledAt: string | null = null) =>
  deriveSubscriptionStatus({ termEnd: addDays(today, daysLeft), cancelledAt, today });

describe('deriveSubscriptionStatus', () => {
  it.each([
    [365, 'active'],
    [91, 'active'],
    [90, 'renewal_open'],
    [31, 'renewal_open'],
    [30, 'expiring'],
    [1, 'expiring'],
    [0, 'grace'],
    [-1, 'grace'],
    [-13, 'grace'],
    [-14, 'expired'],
    [-400, 'expired'],
  ] as const)('%i days left is %s', (daysLeft, status) => {
    const derived = withDaysLeft(daysLeft);
    expect(derived.status).toBe(status);
    expect(derived.daysLeft).toBe(daysLeft);
  });

  it('counts the grace days that remain, the last one being 1', () => {
    expect(withDaysLeft(0).graceDaysLeft).toBe(14);
    expect(withDaysLeft(-13).graceDaysLeft).toBe(1);
    expect(withDaysLeft(-14).graceDaysLeft).toBeNull();
    expect(withDaysLeft(5).graceDaysLeft).toBeNull();
  });

  it('honours a configured grace period', () => {
    const input = { termEnd: addDays(today, -20), cancelledAt: null, today };
    expect(deriveSubscriptionStatus({ ...input, graceDays: 30 }).status).toBe('grace');
    expect(deriveSubscriptionStatus({ ...input, graceDays: 20 }).status).toBe('expired');
  });

  it('is cancelled whenever cancelled, whatever the dates', () => {
    for (const daysLeft of [200, 60, 10, 0, -5, -100]) {
      expect(withDaysLeft(daysLeft, '2026-01-01T00:00:00.000Z').status).toBe('cancelled');
    }
  });

  it('works across a month end and 29 February', () => {
    expect(
      deriveSubscriptionStatus({ termEnd: '2028-03-01', cancelledAt: null, today: '2028-02-29' }).daysLeft,
    ).toBe(1);
    expect(
      deriveSubscriptionStatus({ termEnd: '2028-05-29', cancelledAt: null, today: '2028-02-29' }).status,
    ).toBe('renewal_open');
  });
});

describe('nextActionFor', () => {
  it('suggests renewing when the end is near or past, offers earlier, nothing when cancelled', () => {
    expect(nextActionFor('expiring', false)).toBe('renew');
    expect(nextActionFor('grace', false)).toBe('renew');
    expect(nextActionFor('expired', false)).toBe('renew');
    expect(nextActionFor('renewal_open', false)).toBe('review_offers');
    expect(nextActionFor('renewal_open', true)).toBe('manage_auto_renew');
    expect(nextActionFor('active', false)).toBe('review_offers');
    expect(nextActionFor('cancelled', false)).toBe('none');
  });
});
