import type { TOffer } from '@portal/shared/schemas/offers';
import { describe, expect, it } from 'vitest';
import { groupOffers } from './group-offers';
import { addedFeatures } from './plan-features';

const offer = (id: string, kind: TOffer['kind'], code: string, tierRank: number) =>
  ({ id, kind, plan: { code, tierRank } }) as unknown as TOffer;

describe('grouping offers', () => {
  it('puts renewals together, upgrades by plan in tier order, and the seat addition apart', () => {
    const groups = groupOffers([
      offer('r1', 'renew', 'pro', 2),
      offer('u3', 'upgrade', 'ultimate', 4),
      offer('u1', 'upgrade', 'enterprise', 3),
      offer('u2', 'upgrade', 'enterprise', 3),
      offer('s', 'seats', 'pro', 2),
      offer('r2', 'renew', 'pro', 2),
    ]);
    expect(groups.renewals.map((o) => o.id)).toEqual(['r1', 'r2']);
    expect(groups.upgrades.map((g) => [g.plan.code, g.offers.map((o) => o.id)])).toEqual([
      ['enterprise', ['u1', 'u2']],
      ['ultimate', ['u3']],
    ]);
    expect(groups.seatAddition?.id).toBe('s');
  });
});

describe('plan differences', () => {
  it('lists what the higher plan adds', () => {
    expect(addedFeatures(['workflows', 'reports'], ['workflows', 'reports', 'sso', 'audit'])).toEqual([
      'sso',
      'audit',
    ]);
  });
});
