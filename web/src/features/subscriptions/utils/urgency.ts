// Which subscriptions need the customer's attention, and the order that puts the most urgent first.

import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import type { SubscriptionStatus } from '@portal/shared/status';

/** Lower is more urgent: service about to stop first, then the renewal window, then the rest. */
const URGENCY: Record<SubscriptionStatus, number> = {
  grace: 0,
  expiring: 1,
  renewal_open: 2,
  active: 3,
  expired: 4,
  cancelled: 5,
};

type UrgencyFacts = Pick<TSubscriptionSummary, 'status' | 'daysLeft' | 'autoRenew'>;

/** In grace, expiring, or in the renewal window without auto-renew: something to decide soon. */
export function needsAttention(subscription: UrgencyFacts): boolean {
  switch (subscription.status) {
    case 'grace':
    case 'expiring':
      return true;
    case 'renewal_open':
      return !subscription.autoRenew.enabled;
    case 'active':
    case 'expired':
    case 'cancelled':
      return false;
    default: {
      const unreachable: never = subscription.status;
      return unreachable;
    }
  }
}

/** A sorted copy: by status urgency, then the fewest days left (expired: the most recently ended first). */
export function sortByUrgency<T extends UrgencyFacts & { label: string }>(subscriptions: readonly T[]): T[] {
  return [...subscriptions].sort((a, b) => {
    const byStatus = URGENCY[a.status] - URGENCY[b.status];
    if (byStatus !== 0) return byStatus;
    const byDays = a.status === 'expired' ? b.daysLeft - a.daysLeft : a.daysLeft - b.daysLeft;
    return byDays !== 0 ? byDays : a.label.localeCompare(b.label);
  });
}
