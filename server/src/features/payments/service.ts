// The payments feature's public face (decision 015): what other features may use of the payable attempts, the
// Stripe customer and convergence, and the hooks payments announces. Other features import this file only.

import type { TTimeKey, TTimelineItem } from '@portal/shared/schemas/ops-workspace';
import type { AppDeps } from '../../platform/http/context.ts';
import { listPaymentsOfAccountPage } from './repo.ts';

export { claimTermForCharge, retireOpenCheckouts } from './attempts.ts';
export { closeAttemptByKey } from './attempts-repo.ts';
export { syncPaymentIntent } from './converge.ts';
export { ensureStripeCustomer } from './customers.ts';
export type { QuotePaid, RequestMeta } from './hooks.ts';
export { refundableMinor, refundUnusedTime } from './refund-unused.ts';
export { findPaymentByIntent } from './repo.ts';
export { providerError, requestHash } from './stripe-requests.ts';

/** An account's payments as timeline items (ops workspace, decision 021). */
export async function paymentTimeline(
  deps: AppDeps,
  accountId: string,
  after: TTimeKey | null,
  limit: number,
): Promise<TTimelineItem[]> {
  const rows = await listPaymentsOfAccountPage(deps.db, accountId, after, limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.created_at,
    kind: 'payment' as const,
    label: r.source,
    ref: r.card_last4 ? `•••• ${r.card_last4}` : null,
    status: r.status,
    amount: { amountMinor: r.amount_minor, currency: r.currency },
    actor: null,
    reason: null,
  }));
}
