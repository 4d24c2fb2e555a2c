// The offers grouped as the page compares them: renewals side by side, each higher plan's terms side by
// side, and the seat addition on its own.

import type { TOffer } from '@portal/shared/schemas/offers';

export type OfferGroups = {
  renewals: TOffer[];
  upgrades: { plan: TOffer['plan']; offers: TOffer[] }[];
  seatAddition: TOffer | null;
};

export function groupOffers(offers: readonly TOffer[]): OfferGroups {
  const upgrades = new Map<string, { plan: TOffer['plan']; offers: TOffer[] }>();
  for (const offer of offers.filter((o) => o.kind === 'upgrade')) {
    const group = upgrades.get(offer.plan.code) ?? { plan: offer.plan, offers: [] };
    group.offers.push(offer);
    upgrades.set(offer.plan.code, group);
  }
  return {
    renewals: offers.filter((o) => o.kind === 'renew'),
    upgrades: [...upgrades.values()].sort((a, b) => a.plan.tierRank - b.plan.tierRank),
    seatAddition: offers.find((o) => o.kind === 'seats') ?? null,
  };
}
