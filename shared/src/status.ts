// Subscription status is derived from dates, never stored as truth (DESIGN.md §4). One pure function serves
// the server, the web app and the tests.

import { type CalendarDate, daysBetween } from './dates.ts';

export const SUBSCRIPTION_STATUSES = [
  'active',
  'renewal_open',
  'expiring',
  'grace',
  'expired',
  'cancelled',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** Renewal opens this many days before term_end (notices at 90, 60, 30). */
export const RENEWAL_WINDOW_DAYS = 90;
/** A subscription is "expiring" with this many days or fewer left. */
export const EXPIRING_WINDOW_DAYS = 30;
export const DEFAULT_GRACE_DAYS = 14;

export type StatusInput = {
  /** Exclusive: the first day without service under this term. */
  termEnd: CalendarDate;
  cancelledAt: string | null;
  today: CalendarDate;
  graceDays?: number;
};

export type DerivedStatus = {
  status: SubscriptionStatus;
  /** Days from today to term_end: 1 on the last day of service, 0 on term_end, negative after it. */
  daysLeft: number;
  /** The last day of the grace period (inclusive) as a count of days past term_end. */
  graceDaysLeft: number | null;
};

/**
 * active: more than 90 days left · renewal_open: 31–90 · expiring: 1–30 · grace: from term_end for
 * `graceDays` days (service continues) · expired: after that · cancelled: whenever cancelled.
 */
export function deriveSubscriptionStatus(input: StatusInput): DerivedStatus {
  const graceDays = input.graceDays ?? DEFAULT_GRACE_DAYS;
  const daysLeft = daysBetween(input.today, input.termEnd);
  const inGrace = daysLeft <= 0 && -daysLeft < graceDays;
  const graceDaysLeft = inGrace ? graceDays + daysLeft : null;
  if (input.cancelledAt) return { status: 'cancelled', daysLeft, graceDaysLeft: null };
  if (daysLeft > RENEWAL_WINDOW_DAYS) return { status: 'active', daysLeft, graceDaysLeft };
  if (daysLeft > EXPIRING_WINDOW_DAYS) return { status: 'renewal_open', daysLeft, graceDaysLeft };
  if (daysLeft >= 1) return { status: 'expiring', daysLeft, graceDaysLeft };
  if (inGrace) return { status: 'grace', daysLeft, graceDaysLeft };
  return { status: 'expired', daysLeft, graceDaysLeft: null };
}

export const NEXT_ACTIONS = ['renew', 'review_offers', 'manage_auto_renew', 'none'] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

/** What the dashboard suggests a customer does next with a subscription. */
export function nextActionFor(status: SubscriptionStatus, isAutoRenew: boolean): NextAction {
  switch (status) {
    case 'cancelled':
      return 'none';
    case 'expired':
    case 'grace':
      return 'renew';
    case 'expiring':
      return isAutoRenew ? 'manage_auto_renew' : 'renew';
    case 'renewal_open':
      return isAutoRenew ? 'manage_auto_renew' : 'review_offers';
    case 'active':
      return 'review_offers';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}
