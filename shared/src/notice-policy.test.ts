import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DUNNING_DAYS,
  DEFAULT_NOTICE_POLICIES,
  dunningAttemptDate,
  noticeSchedule,
  policyFor,
  reminderSchedule,
  reminderTermEndRange,
} from './notice-policy.ts';

const policy = (id: string) => {
  const found = DEFAULT_NOTICE_POLICIES.find((p) => p.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('policyFor', () => {
  it('picks the most specific policy for the billing address', () => {
    expect(policyFor({ country: 'US', region: 'CA' }).id).toBe('us-ca');
    expect(policyFor({ country: 'us', region: 'ca' }).id).toBe('us-ca');
    expect(policyFor({ country: 'US', region: 'NY' }).id).toBe('default');
    expect(policyFor({ country: 'FR', region: null }).id).toBe('fr');
    expect(policyFor({ country: 'DE', region: 'BY' }).id).toBe('de');
    expect(policyFor({ country: 'JP', region: '13' }).id).toBe('default');
  });
});

describe('noticeSchedule', () => {
  const oneYear = { chargeDate: '2027-03-01', termStart: '2026-03-01', termYears: 1, isPriceIncrease: false };

  it('gives 30 and 7 days by default', () => {
    expect(noticeSchedule(oneYear, policy('default')).map((n) => [n.kind, n.date])).toEqual([
      ['advance', '2027-01-30'],
      ['final', '2027-02-22'],
    ]);
  });

  it('counts back across the end of February in a leap year', () => {
    const leap = { ...oneYear, chargeDate: '2028-03-01', termStart: '2027-03-01' };
    expect(noticeSchedule(leap, policy('default')).map((n) => n.date)).toEqual(['2028-01-31', '2028-02-23']);
  });

  it('handles a charge on 29 February and at a month end', () => {
    const feb29 = { ...oneYear, chargeDate: '2028-02-29', termStart: '2027-02-28' };
    expect(noticeSchedule(feb29, policy('default')).map((n) => n.date)).toEqual(['2028-01-30', '2028-02-22']);
    const monthEnd = { ...oneYear, chargeDate: '2027-05-31', termStart: '2026-05-31' };
    expect(noticeSchedule(monthEnd, policy('default')).map((n) => n.date)).toEqual([
      '2027-05-01',
      '2027-05-24',
    ]);
  });

  it('France: the first notice between one and three calendar months before, preferably two', () => {
    const notices = noticeSchedule(oneYear, policy('fr'));
    expect(notices[0]).toMatchObject({ kind: 'advance', date: '2027-01-01', policyId: 'fr' });
    // One month before 1 March is 1 February (28 days), not 30 days.
    expect(notices[0]?.leadDays).toBe(28);
  });

  it('Germany: one calendar month before, counted in months (31 March → 28 February)', () => {
    const march31 = { ...oneYear, chargeDate: '2027-03-31', termStart: '2026-03-31' };
    const notices = noticeSchedule(march31, policy('de'));
    expect(notices.map((n) => [n.kind, n.date])).toEqual([
      ['advance', '2027-02-28'],
      ['final', '2027-03-24'],
    ]);
  });

  it('California: annual reminders during a multi-year term and notice of a price change', () => {
    const threeYears = {
      chargeDate: '2029-03-01',
      termStart: '2026-03-01',
      termYears: 3,
      isPriceIncrease: true,
    };
    const notices = noticeSchedule(threeYears, policy('us-ca'));
    expect(notices.map((n) => [n.kind, n.date])).toEqual([
      ['annual_reminder', '2027-03-01'],
      ['annual_reminder', '2028-03-01'],
      ['advance', '2029-01-30'],
      ['price_change', '2029-02-08'],
      ['final', '2029-02-22'],
    ]);
    for (const notice of notices) expect(notice.policyId).toBe('us-ca');
  });

  it('California: a term shorter than a year gets no first notice, only the final one', () => {
    const monthly = { ...oneYear, termYears: 0 };
    expect(noticeSchedule(monthly, policy('us-ca')).map((n) => n.kind)).toEqual(['final']);
  });

  it('clamps a configured day into the legal window', () => {
    const custom = { ...policy('fr'), advance: { daysBefore: 120, window: [30, 90] as [number, number] } };
    expect(noticeSchedule(oneYear, custom)[0]?.daysBefore).toBe(90);
  });

  it('merges notices that fall on the same day, keeping the most important', () => {
    const same = { ...policy('default'), finalDaysBefore: 30 };
    expect(noticeSchedule(oneYear, same).map((n) => n.kind)).toEqual(['advance']);
  });
});

describe('reminderSchedule', () => {
  it('reminds 90, 60 and 30 days before the end', () => {
    expect(reminderSchedule('2027-01-31')).toEqual([
      { daysBefore: 90, date: '2026-11-02' },
      { daysBefore: 60, date: '2026-12-02' },
      { daysBefore: 30, date: '2027-01-01' },
    ]);
  });
});

describe('lead days', () => {
  it('records how long each notice must precede the charge', () => {
    const oneYear = {
      chargeDate: '2027-03-01',
      termStart: '2026-03-01',
      termYears: 1,
      isPriceIncrease: true,
    };
    expect(noticeSchedule(oneYear, policy('default')).map((n) => [n.kind, n.leadDays])).toEqual([
      ['advance', 30],
      ['final', 7],
    ]);
    expect(noticeSchedule(oneYear, policy('us-ca')).map((n) => [n.kind, n.leadDays])).toEqual([
      ['advance', 15],
      ['price_change', 7],
      ['final', 7],
    ]);
  });
});

describe('dunningAttemptDate', () => {
  it('retries on days 0, 3 and 7 and stops at the end of grace', () => {
    const dates = [1, 2, 3, 4].map((n) =>
      dunningAttemptDate('2028-02-27', n, DEFAULT_DUNNING_DAYS, '2028-03-12'),
    );
    expect(dates).toEqual(['2028-02-27', '2028-03-01', '2028-03-05', null]);
    expect(dunningAttemptDate('2028-03-08', 3, DEFAULT_DUNNING_DAYS, '2028-03-12')).toBeNull();
  });
});

describe('reminderTermEndRange', () => {
  it('finds exactly the term ends due today after a daily run', () => {
    expect(reminderTermEndRange(90, '2027-12-01', '2027-11-30')).toEqual({
      first: '2028-02-29',
      last: '2028-02-29',
    });
    expect(reminderTermEndRange(30, '2028-01-31', null)).toEqual({ first: '2028-03-01', last: '2028-03-01' });
  });

  it('catches up missed days but not past the next reminder', () => {
    // Ten days without a run: the 30-day reminders of the ten term ends since then, all still running.
    expect(reminderTermEndRange(30, '2027-05-31', '2027-05-21')).toEqual({
      first: '2027-06-21',
      last: '2027-06-30',
    });
    // A jump of 80 days: the 90-day reminder only for what is still more than 60 days away.
    expect(reminderTermEndRange(90, '2027-05-31', '2027-03-12')).toEqual({
      first: '2027-07-31',
      last: '2027-08-29',
    });
    // A second run on the same day finds nothing new to date (the ledger makes it a no-op anyway).
    expect(reminderTermEndRange(60, '2027-05-31', '2027-05-31')).toEqual({
      first: '2027-07-30',
      last: '2027-07-30',
    });
  });
});
