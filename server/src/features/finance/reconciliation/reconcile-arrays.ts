// The reconciliation over in-memory collections (tests, small data): the collections split and sorted into the
// streams reconcile.ts reads, as reconcile-repo.ts does in SQL for a run.

import { reconcileStreams } from './reconcile.ts';
import {
  chargeOrder,
  compareStrings,
  has,
  type PayoutCheck,
  type PortalDispute,
  type PortalPayment,
  type PortalRefund,
  type ReconcileSources,
  type ReconLine,
  type StripePayout,
  type StripeTransaction,
  sourceOrder,
  TRANSACTION_KINDS,
  timeOrder,
} from './reconcile-contract.ts';

export type ReconcileInput = {
  payments: readonly PortalPayment[];
  refunds: readonly PortalRefund[];
  disputes: readonly PortalDispute[];
  /** Any order. */
  transactions: readonly StripeTransaction[];
  payouts: readonly StripePayout[];
  horizon: string | null;
};

async function* each<T>(items: readonly T[]): AsyncGenerator<readonly T[]> {
  if (items.length > 0) yield items;
}

const by =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    compareStrings(key(a), key(b));

/** Splits collections into the sorted streams `reconcileStreams` reads (the repo does the same in SQL). */
export function sourcesFromArrays(input: ReconcileInput): ReconcileSources {
  const k = TRANSACTION_KINDS;
  const isCharge = (t: StripeTransaction) => has(k.charge, t.type) && t.chargeId !== null;
  const isRefund = (t: StripeTransaction) =>
    (has(k.refund, t.type) || has(k.refundFailure, t.type)) && t.sourceId !== null;
  const isDispute = (t: StripeTransaction) =>
    !has(k.charge, t.type) &&
    !has(k.refund, t.type) &&
    !has(k.refundFailure, t.type) &&
    has(k.disputeCategories, t.reportingCategory) &&
    t.sourceId !== null;
  const counts = new Map<string, number>();
  for (const p of input.payments)
    if (p.quoteId && p.isSucceeded) counts.set(p.quoteId, (counts.get(p.quoteId) ?? 0) + 1);
  return {
    horizon: input.horizon,
    contestedQuotePayments: each(
      input.payments.filter((p) => p.isSucceeded && p.quoteId && (counts.get(p.quoteId) ?? 0) > 1),
    ),
    paymentsByCharge: each(input.payments.filter((p) => p.chargeId).sort(by((p) => p.chargeId ?? ''))),
    paymentsWithoutCharge: each(input.payments.filter((p) => !p.chargeId)),
    charges: each(input.transactions.filter(isCharge).sort(chargeOrder)),
    refunds: each([...input.refunds].sort(by((r) => r.id))),
    refundTransactions: each(input.transactions.filter(isRefund).sort(sourceOrder)),
    disputes: each([...input.disputes].sort(by((d) => d.id))),
    disputeTransactions: each(input.transactions.filter(isDispute).sort(sourceOrder)),
    otherTransactions: each(
      input.transactions.filter((t) => !isCharge(t) && !isRefund(t) && !isDispute(t)).sort(timeOrder),
    ),
    payouts: each(input.payouts),
    paymentsOfQuotes: async (quoteIds) =>
      input.payments.filter((p) => p.isSucceeded && p.quoteId && quoteIds.includes(p.quoteId)),
  };
}

/** The whole matching over in-memory collections: lines, then payout checks. */
export async function reconcile(
  input: ReconcileInput,
): Promise<{ lines: ReconLine[]; payouts: PayoutCheck[] }> {
  const lines: ReconLine[] = [];
  const payouts: PayoutCheck[] = [];
  for await (const event of reconcileStreams(sourcesFromArrays(input))) {
    if (event.type === 'lines') lines.push(...event.lines);
    else payouts.push(event.check);
  }
  return { lines, payouts };
}
