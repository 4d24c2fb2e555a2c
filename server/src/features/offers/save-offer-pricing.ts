// Prices a retention save offer the way every offer is priced (priceChoice under the rules in force, with the
// extra discount capped like the others). For the retention feature; a client never names a discount.

import type { TOffer } from '@portal/shared/schemas/offers';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type Choice, priceChoice } from './price-choice.ts';
import { assertRenewable, loadPricingContext } from './pricing-context.ts';

export type SaveOfferChoice = { kind: 'discount'; discountBp: number } | { kind: 'downgrade' };

/** Fewer seats offered on a downgrade: three quarters of today's, never below the plan's minimum. */
export const DOWNGRADE_SEAT_SHARE = 0.75;

/**
 * The 1-year renewal a save offer stands for, priced now: with the extra discount, or with fewer seats. Null
 * when the subscription cannot be renewed here or the choice is not allowed (e.g. already at the minimum).
 * 404 for another account's subscription.
 */
export async function priceSaveOffer(
  deps: AppDeps,
  accountId: string,
  subscriptionId: string,
  offer: SaveOfferChoice,
): Promise<{ choice: Choice; retentionBp: number; offer: TOffer } | null> {
  const ctx = await loadPricingContext(deps, accountId, subscriptionId);
  try {
    assertRenewable(ctx);
    const current = ctx.subscription.seats;
    const seats =
      offer.kind === 'downgrade'
        ? Math.max(ctx.currentPlan.minSeats, Math.floor(current * DOWNGRADE_SEAT_SHARE))
        : current;
    if (offer.kind === 'downgrade' && seats >= current) return null;
    const choice: Choice = { kind: 'renew', planCode: ctx.currentPlan.code, termYears: 1, seats };
    const retentionBp = offer.kind === 'discount' ? offer.discountBp : 0;
    return { choice, retentionBp, offer: priceChoice(ctx, choice, retentionBp).offer };
  } catch (error) {
    if (error instanceof AppError && error.code === 'rule_violated') return null;
    throw error;
  }
}
