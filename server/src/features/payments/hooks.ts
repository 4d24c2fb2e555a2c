// What payments announces and asks without importing the features that answer (decision 015): the
// composition root (server/src/hooks.ts) registers auto-renew's and finance's functions for these hooks.

import type { TCheckoutConsentTerms } from '@portal/shared/schemas/payments';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import type { Tx } from '../../platform/db/connection.ts';
import { defineEvent, defineProvider } from '../../platform/hooks.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import type { QuoteRecord } from '../offers/service.ts';

export type RequestMeta = { ip: string | null; userAgent: string | null };

/** A quote's payment was fulfilled: the subscription's contract changed (inside the fulfilment transaction). */
export type QuotePaid = {
  subscriptionId: string;
  accountId: string;
  quoteId: string;
  quoteTermYears: number | null;
  paidAt: Date;
  actor: { userId: string | null; label: string };
  /** Saved for off-session use when the admin ticked "renew automatically next time"; null otherwise. */
  savedPaymentMethodId: string | null;
  /** The consent captured when the checkout started, as stored with its session (JSON); null without. */
  checkoutConsentJson: string | null;
  card: { brand: string; last4: string };
};
export const quotePaid = defineEvent<[tx: Tx, deps: AppDeps, event: QuotePaid]>('payments.quote-paid');

/** A payment was converged (after its transaction): what follows it (payments' own settled.ts). */
export type PaymentSettled = { paymentId: string; subscriptionId: string; isTermPaid: boolean };
export const paymentSettled = defineEvent<[deps: AppDeps, event: PaymentSettled]>('payments.payment-settled');

/** A payout's webhook arrived (paid or failed): finance re-reads the payout at Stripe. */
export const payoutChanged = defineEvent<[deps: AppDeps, payoutId: string]>('payments.payout-changed');

/** The consent a checkout keeps with its session: what the checkout's audit event quotes of it. */
export type CheckoutConsent = { termsHash: string; ip: string | null; amountMinor: number };

/** The auto-renew terms a checkout form shows under "renew automatically" (null: not renewable). */
export const checkoutConsentTerms = defineProvider<
  (deps: AppDeps, actor: CustomerUser, quote: QuoteRecord) => Promise<TCheckoutConsentTerms | null>
>('payments.checkout-consent-terms');

/** The consent captured when a checkout with "renew automatically" starts (409 when the terms changed). */
export const captureCheckoutConsent = defineProvider<
  (
    deps: AppDeps,
    input: { actor: CustomerUser; quote: QuoteRecord; termsHash: string | undefined; meta: RequestMeta },
  ) => Promise<CheckoutConsent>
>('payments.capture-checkout-consent');
