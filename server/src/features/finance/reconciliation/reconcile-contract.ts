// The contract of the reconciliation (reconcile.ts): what it reads — the portal's records and Stripe's
// transactions as sorted streams — and what it writes out, and the orders the streams must come in.

import type { TReconClass, TReconDetail } from '@portal/shared/schemas/finance';

export type PortalPayment = {
  id: string;
  paymentIntentId: string;
  chargeId: string | null;
  amountMinor: number;
  /** Stripe's fee as the portal recorded it; null when not known yet. */
  feeMinor: number | null;
  currency: string;
  /** The portal holds the money as received ('succeeded'). */
  isSucceeded: boolean;
  /**
   * The money was applied to what it paid for (or is still being applied). False for a payment set aside as
   * not applicable (a term already paid, a withdrawn quote): never `matched`, whether refunded or not.
   */
  isApplied: boolean;
  quoteId: string | null;
  /** Whether the portal issued its invoice (the quote's owner is the invoiced payment); readers join invoices. */
  hasInvoice: boolean;
  accountId: string;
  /** When it was paid (or created), ISO-8601. */
  occurredAt: string;
};

/** The payment (and charge) a refund or dispute belongs to, as lines name it. */
export type PaymentRef = { paymentId: string; accountId: string | null; chargeId: string | null };

export type PortalRefund = PaymentRef & {
  id: string;
  amountMinor: number;
  currency: string;
  /** 'pending' or 'succeeded' refunds have moved money at Stripe; failed or canceled ones have not. */
  isExpectedAtStripe: boolean;
  occurredAt: string;
};

export type PortalDispute = PaymentRef & {
  id: string;
  amountMinor: number;
  currency: string;
  occurredAt: string;
};

export type StripeTransaction = {
  id: string;
  type: string;
  reportingCategory: string;
  amountMinor: number;
  feeMinor: number;
  netMinor: number;
  currency: string;
  createdAt: string;
  sourceId: string | null;
  chargeId: string | null;
  paymentIntentId: string | null;
  /** The charge's `metadata.quote_id`. */
  quoteId: string | null;
  payoutId: string | null;
  /**
   * Settled in another currency than its source's: Stripe's exchange rate (a decimal) and the source's own
   * amount (signed like `amountMinor`) and currency. Null otherwise.
   */
  exchangeRate: string | null;
  sourceAmountMinor: number | null;
  sourceCurrency: string | null;
};

export type StripePayout = {
  id: string;
  amountMinor: number;
  currency: string;
  isAutomatic: boolean;
  /** Every balance transaction of the payout has been pulled and linked to it. */
  isLinked: boolean;
};

export type ReconLine = {
  class: TReconClass;
  detail: TReconDetail | null;
  subjectType: 'transaction' | 'payment' | 'refund' | 'dispute';
  subjectId: string;
  occurredAt: string;
  /** The Stripe charge the line is about: its own, the refunded or the disputed one. */
  chargeId: string | null;
  txn: StripeTransaction | null;
  portalAmountMinor: number | null;
  portalFeeMinor: number | null;
  portalCurrency: string | null;
  paymentId: string | null;
  refundId: string | null;
  disputeId: string | null;
  accountId: string | null;
  /** For a duplicate: the payment that the portal counts as the quote's (or the charge's) own. */
  relatedPaymentId: string | null;
};

export type PayoutOutcome = 'balanced' | 'unbalanced' | 'not_itemised' | 'pending';

export type PayoutCheck = {
  payoutId: string;
  outcome: PayoutOutcome;
  amountMinor: number;
  currency: string;
  /** Sum of the net of its transactions other than the payout's own entry; null when not itemised. */
  transactionsNetMinor: number | null;
  transactionCount: number;
  /** Its transactions whose class is not `matched`. */
  untracedCount: number;
};

/** How balance transactions are split between the streams (the repo selects by the same lists). */
export const TRANSACTION_KINDS = {
  charge: ['charge', 'payment'],
  refund: ['refund', 'payment_refund'],
  refundFailure: ['refund_failure', 'payment_failure_refund'],
  disputeCategories: ['dispute', 'dispute_reversal'],
  payout: [
    'payout',
    'payout_cancel',
    'payout_failure',
    'payout_minimum_balance_hold',
    'payout_minimum_balance_release',
  ],
} as const;

export const has = (list: readonly string[], value: string) => list.includes(value);

/**
 * The sorted streams the matching reads. Each must come in the stated order (checked: a stream out of order
 * throws rather than mis-match).
 */
/** A stream is read in batches (a database page each), so that a million rows cost a few thousand awaits. */
export type Stream<T> = AsyncIterable<readonly T[]>;

export type ReconcileSources = {
  /** Portal records dated after this are not yet expected at Stripe; null before the first sync. */
  horizon: string | null;
  /** Succeeded payments of quotes that have more than one, any order. */
  contestedQuotePayments: Stream<PortalPayment>;
  /** Payments with a charge id, by charge id. */
  paymentsByCharge: Stream<PortalPayment>;
  /** Payments without a charge id yet (few), any order. */
  paymentsWithoutCharge: Stream<PortalPayment>;
  /** `charge`/`payment` transactions with a charge id, by (charge id, created, id). */
  charges: Stream<StripeTransaction>;
  /** Refunds by id. */
  refunds: Stream<PortalRefund>;
  /** Refund and refund-failure transactions with a source, by (source id, created, id). */
  refundTransactions: Stream<StripeTransaction>;
  /** Disputes by id. */
  disputes: Stream<PortalDispute>;
  /** Dispute withdrawals and reinstatements with a source, by (source id, created, id). */
  disputeTransactions: Stream<StripeTransaction>;
  /** Every other transaction, by (created, id). */
  otherTransactions: Stream<StripeTransaction>;
  payouts: Stream<StripePayout>;
  /** The succeeded portal payments of some quotes (for Stripe charges the portal does not have). */
  paymentsOfQuotes(quoteIds: readonly string[]): Promise<PortalPayment[]>;
};

export type ReconcileEvent = { type: 'lines'; lines: ReconLine[] } | { type: 'payout'; check: PayoutCheck };

export const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Orders transactions by a merge key (charge or source id), then creation, then id. */
function byKeyThenTime(key: (t: StripeTransaction) => string | null) {
  return (a: StripeTransaction, b: StripeTransaction) =>
    compareStrings(key(a) ?? '', key(b) ?? '') ||
    compareStrings(a.createdAt, b.createdAt) ||
    compareStrings(a.id, b.id);
}
export const chargeOrder = byKeyThenTime((t) => t.chargeId);
export const sourceOrder = byKeyThenTime((t) => t.sourceId);
export const timeOrder = byKeyThenTime(() => '');
