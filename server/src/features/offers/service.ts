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
export { priceSaveOffer, type SaveOfferChoice } from './save-offer-pricing.ts';
