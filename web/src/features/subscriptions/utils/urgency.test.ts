import type { SubscriptionStatus } from '@portal/shared/status';
import { describe, expect, it } from 'vitest';
import { needsAttention, sortByUrgency } from '@/features/subscriptions/utils/urgency';

const sub = (label: string, status: SubscriptionStatus, daysLeft: number, isAutoRenew = false) => ({
  label,
  status,
  daysLeft,
  autoRenew: { enabled: isAutoRenew, termYears: isAutoRenew ? 1 : null },
});

describe('urgency', () => {
  it('puts the most urgent first: grace, expiring, renewal window, active, expired, cancelled', () => {
    const sorted = sortByUrgency([
      sub('Operations platform', 'active', 200, true),
      sub('Sales workspace', 'renewal_open', 64),
      sub('Support desk', 'expiring', 21),
      sub('Warehouse team', 'grace', -6),
      sub('Legacy analytics', 'expired', -75),
      sub('Enterprise pilot', 'cancelled', 140),
      sub('Old expired', 'expired', -200),
      sub('Sooner expiring', 'expiring', 3),
    ]);
    expect(sorted.map((s) => s.label)).toEqual([
      'Warehouse team',
      'Sooner expiring',
      'Support desk',
      'Sales workspace',
      'Operations platform',
      'Legacy analytics',
      'Old expired',
      'Enterprise pilot',
    ]);
  });

  it('needs attention in grace, when expiring, or in the renewal window without auto-renew', () => {
    expect(needsAttention(sub('a', 'grace', -1))).toBe(true);
    expect(needsAttention(sub('a', 'expiring', 10, true))).toBe(true);
    expect(needsAttention(sub('a', 'renewal_open', 60))).toBe(true);
    expect(needsAttention(sub('a', 'renewal_open', 60, true))).toBe(false);
    expect(needsAttention(sub('a', 'active', 200))).toBe(false);
    expect(needsAttention(sub('a', 'expired', -30))).toBe(false);
    expect(needsAttention(sub('a', 'cancelled', 30))).toBe(false);
  });
});
