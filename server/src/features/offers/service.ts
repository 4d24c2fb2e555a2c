// The offers feature's public face (decision 015): what other features may use of quotes and pricing. The
// rules live in the modules named here; other features import this file only.

export { loadCatalog, type PricedPlan } from './catalog-service.ts';
export { priceChoice } from './price-choice.ts';
export { assertRenewable, loadPricingContext } from './pricing-context.ts';
export { quoteOnInvoice } from './quote-procurement.ts';
export {
  createQuote,
  findQuoteRecord,
  isQuotePayable,
  markQuotePaid,
  type QuoteRecord,
  quoteStatus,
  supersedeQuotesAfterPayment,
  withdrawQuote,
} from './quotes-service.ts';

import type { TTimeKey, TTimelineItem } from '@portal/shared/schemas/ops-workspace';
import type { AppDeps } from '../../platform/http/context.ts';
import { listQuotesOfAccountPage } from './quotes-repo.ts';

export { priceSaveOffer, type SaveOfferChoice } from './save-offer-pricing.ts';

/** An account's quotes as timeline items (ops workspace, decision 021). */
export async function quoteTimeline(
  deps: AppDeps,
  accountId: string,
  after: TTimeKey | null,
  limit: number,
): Promise<TTimelineItem[]> {
  const rows = await listQuotesOfAccountPage(deps.db, accountId, after, limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.created_at,
    kind: 'quote' as const,
    label: r.kind,
    ref: r.number,
    status: r.status,
    amount: { amountMinor: r.total_minor, currency: r.currency },
    actor: r.created_by_email,
    reason: null,
  }));
}
