import type { SubscriptionStatus } from '@portal/shared/status';
import { describe, expect, it } from 'vitest';
import { describeTimeLeft } from '@/features/subscriptions/utils/time-left';
import { i18next } from '@/lib/i18n';

const en = i18next.getFixedT('en');
const zh = i18next.getFixedT('zh-CN');

const facts = (status: SubscriptionStatus, daysLeft: number, graceDaysLeft: number | null = null) => ({
  status,
  daysLeft,
  graceDaysLeft,
});

describe('describeTimeLeft', () => {
  it('counts the days left, in English and Chinese', () => {
    expect(describeTimeLeft(facts('active', 200), en)).toBe('200 days left');
    expect(describeTimeLeft(facts('expiring', 2), en)).toBe('2 days left');
    expect(describeTimeLeft(facts('active', 200), zh)).toBe('剩余 200 天');
  });

  it('says when today is the last day of service', () => {
    expect(describeTimeLeft(facts('expiring', 1), en)).toBe('Last day of service today');
    expect(describeTimeLeft(facts('expiring', 1), zh)).toBe('今天是服务的最后一天');
  });

  it('says how long ago it ended, and the grace days that remain', () => {
    expect(describeTimeLeft(facts('grace', 0, 14), en)).toBe('Ended today · 14 grace days left');
    expect(describeTimeLeft(facts('grace', -6, 8), en)).toBe('Ended 6 days ago · 8 grace days left');
    expect(describeTimeLeft(facts('grace', -13, 1), en)).toBe('Ended 13 days ago · 1 grace day left');
    expect(describeTimeLeft(facts('grace', -6, 8), zh)).toBe('已于 6 天前结束 · 宽限期剩余 8 天');
    expect(describeTimeLeft(facts('expired', -1), en)).toBe('Ended 1 day ago');
    expect(describeTimeLeft(facts('expired', -75), zh)).toBe('已于 75 天前结束');
  });

  it('says nothing for a cancelled subscription', () => {
    expect(describeTimeLeft(facts('cancelled', 140), en)).toBeNull();
  });
});
