// "12 days left", "Ended 6 days ago · 8 grace days left": the time a subscription has, in words.

import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import type { TFunction } from 'i18next';

type TimeFacts = Pick<TSubscriptionSummary, 'status' | 'daysLeft' | 'graceDaysLeft'>;

/** The phrases in order (the time left or since the end, then the grace days); none when cancelled. */
export function timeLeftParts(facts: TimeFacts, t: TFunction): string[] {
  if (facts.status === 'cancelled') return [];
  const { daysLeft } = facts;
  const parts: string[] = [];
  if (daysLeft > 1) parts.push(t('timeLeft.daysLeft', { count: daysLeft }));
  else if (daysLeft === 1) parts.push(t('timeLeft.lastDayToday'));
  else if (daysLeft === 0) parts.push(t('timeLeft.endedToday'));
  else parts.push(t('timeLeft.endedDaysAgo', { count: -daysLeft }));
  if (facts.status === 'grace' && facts.graceDaysLeft !== null) {
    parts.push(t('timeLeft.graceDaysLeft', { count: facts.graceDaysLeft }));
  }
  return parts;
}

/** One sentence, or null for a cancelled subscription, whose time no longer counts down. */
export function describeTimeLeft(facts: TimeFacts, t: TFunction): string | null {
  const parts = timeLeftParts(facts, t);
  return parts.length > 0 ? parts.join(' · ') : null;
}
