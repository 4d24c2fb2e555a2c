// Composition root: who reacts to what between features (DESIGN.md §3, decision 015). A feature announces an
// event or asks a question through a hook it declares; this file registers the other feature's function, so
// neither imports the other. Each runtime (server, scripts, tests) gets its registry from createRuntime.

import { afterQuotePaid } from './features/auto-renew/after-payment.ts';
import { captureCheckoutConsent, checkoutConsentTerms } from './features/auto-renew/checkout-consent.ts';
import { syncPayoutFromStripe } from './features/finance/sync/stripe-sync.ts';
import * as invoiceHooks from './features/invoices/hooks.ts';
import * as offerHooks from './features/offers/hooks.ts';
import { quoteOnInvoice } from './features/offers/service.ts';
import * as opsHooks from './features/ops-workspace/hooks.ts';
import * as paymentHooks from './features/payments/hooks.ts';
import { retireOpenCheckouts } from './features/payments/service.ts';
import { afterPaymentSettled } from './features/payments/settled.ts';
import { applyRecords } from './features/vendor-api/service.ts';
import { countFailedDeliveries } from './features/webhooks/service.ts';
import { createHookRegistry, type HookRegistry } from './platform/hooks.ts';

export function createPortalHooks(): HookRegistry {
  const hooks = createHookRegistry();
  // A paid quote: auto-renew records the checkout's consent, closes the old term's renewal, queues the next.
  hooks.on(paymentHooks.quotePaid, afterQuotePaid);
  // The checkout form's auto-renew terms and the consent captured with it are auto-renew's.
  hooks.on(paymentHooks.checkoutConsentTerms, checkoutConsentTerms);
  hooks.on(paymentHooks.captureCheckoutConsent, captureCheckoutConsent);
  // A converged payment: payments itself retires the term's other checkouts and refunds money not applied.
  hooks.on(paymentHooks.paymentSettled, afterPaymentSettled);
  // A payout webhook: finance re-reads the payout at Stripe (its transactions come with the next sync).
  hooks.on(paymentHooks.payoutChanged, syncPayoutFromStripe);
  // A new quote: payments expires the checkouts of the quotes it replaced.
  hooks.on(offerHooks.quoteIssued, (deps, { subscriptionId }) =>
    retireOpenCheckouts(deps, subscriptionId, 'quote_replaced').then(() => undefined),
  );
  // An invoice of a quote prints the quote's PO number and acceptance, which are offers'.
  hooks.on(invoiceHooks.quoteOnInvoice, quoteOnInvoice);
  // The ops workspace creates and edits accounts and contracts as vendor records, and counts failed deliveries.
  hooks.on(opsHooks.applyVendorRecords, applyRecords);
  hooks.on(opsHooks.countFailedWebhookDeliveries, countFailedDeliveries);
  return hooks;
}
