// Reconciliation, pure: Stripe's balance transactions matched against the portal's payments, refunds and
// disputes, each given a class (matched, missing in the portal, missing at Stripe, amount mismatch, currency
// mismatch, duplicate), and each automatic payout checked (its amount = the sum of its transactions' net).
// No I/O of its own and no clock: the same input gives the same lines in the same order, so a run repeats.
//
// Sort/merge, so that millions of rows pass in constant memory: each Stripe stream is merged with the portal
// stream sorted by the same key (charges by charge id, refunds and disputes by their Stripe id), one row at a
// time. Only small sets are held: payments not yet linked to a charge (matched by PaymentIntent), the quotes
// paid more than once, Stripe charges the portal lacks that name a quote, and per-payout totals.
//
// Rules (docs/decisions/006-finance.md):
//   charge  → the portal payment with its charge id (or, if the payment has none yet, its PaymentIntent):
//             currency differs → currency_mismatch; amount or fee differs → amount_mismatch; the payment is not
//             the one the portal counts for its quote, or a second charge of one payment → duplicate; the
//             payment is not 'succeeded' → missing_in_portal; none → duplicate when the charge names a quote the
//             portal holds paid, else missing_in_portal.
//   refund / refund failure → the portal refund with its id; dispute withdrawal / reinstatement → the portal
//             dispute; payout entries → matched (they are the payout itself); anything else → missing_in_portal.
//   portal records Stripe lacks (succeeded payments, refunds that moved money, disputes), dated up to the
//             horizon → missing_at_stripe.

import { currencyExponent } from '@portal/shared/money';
import type { TReconClass, TReconDetail } from '@portal/shared/schemas/finance';
import {
  chargeOrder,
  compareStrings,
  has,
  type PayoutCheck,
  type PortalPayment,
  type ReconcileEvent,
  type ReconcileSources,
  type ReconLine,
  type Stream,
  type StripeTransaction,
  sourceOrder,
  TRANSACTION_KINDS,
  timeOrder,
} from './reconcile-contract.ts';

const LINES_PER_EVENT = 1_000;

/** A stream read one item ahead, checking its order. */
function cursor<T>(source: Stream<T>, order: (a: T, b: T) => number, name: string) {
  const iterator = source[Symbol.asyncIterator]();
  let batch: readonly T[] = [];
  let index = 0;
  let current: T | undefined;
  return {
    get value() {
      return current;
    },
    async advance(): Promise<T | undefined> {
      while (index >= batch.length) {
        const next = await iterator.next();
        if (next.done) {
          current = undefined;
          return undefined;
        }
        batch = next.value;
        index = 0;
      }
      const item = batch[index++] as T;
      if (current !== undefined && order(item, current) < 0) {
        throw new Error(`reconcile: ${name} is not sorted`);
      }
      current = item;
      return current;
    },
  };
}

async function collect<T>(source: Stream<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const batch of source) all.push(...batch);
  return all;
}

/** The quote owner: the invoiced payment, else the earliest, else the smallest id. */
function isBetterOwner(a: PortalPayment, b: PortalPayment): boolean {
  if (a.hasInvoice !== b.hasInvoice) return a.hasInvoice;
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt;
  return a.id < b.id;
}

function ownersOf(payments: Iterable<PortalPayment>): Map<string, PortalPayment> {
  const owners = new Map<string, PortalPayment>();
  for (const payment of payments) {
    if (!payment.quoteId || !payment.isSucceeded) continue;
    const owner = owners.get(payment.quoteId);
    if (!owner || isBetterOwner(payment, owner)) owners.set(payment.quoteId, payment);
  }
  return owners;
}

type LineFields = {
  class: TReconClass;
  detail: TReconDetail | null;
  portalAmountMinor?: number | null;
  portalFeeMinor?: number | null;
  portalCurrency?: string | null;
  paymentId?: string | null;
  refundId?: string | null;
  disputeId?: string | null;
  accountId?: string | null;
  relatedPaymentId?: string | null;
  chargeId?: string | null;
};

/** A line; written out property by property (a million of them are made per run). */
function makeLine(
  subjectType: ReconLine['subjectType'],
  subjectId: string,
  occurredAt: string,
  txn: StripeTransaction | null,
  f: LineFields,
): ReconLine {
  return {
    class: f.class,
    detail: f.detail,
    subjectType,
    subjectId,
    occurredAt,
    chargeId: f.chargeId !== undefined ? f.chargeId : (txn?.chargeId ?? null),
    txn,
    portalAmountMinor: f.portalAmountMinor ?? null,
    portalFeeMinor: f.portalFeeMinor ?? null,
    portalCurrency: f.portalCurrency ?? null,
    paymentId: f.paymentId ?? null,
    refundId: f.refundId ?? null,
    disputeId: f.disputeId ?? null,
    accountId: f.accountId ?? null,
    relatedPaymentId: f.relatedPaymentId ?? null,
  };
}

const txnLine = (txn: StripeTransaction, f: LineFields) =>
  makeLine('transaction', txn.id, txn.createdAt, txn, f);

/** A charge's line about a portal payment. */
function paymentLine(
  txn: StripeTransaction | null,
  p: PortalPayment,
  cls: TReconClass,
  detail: TReconDetail | null,
  relatedPaymentId: string | null = null,
): ReconLine {
  return makeLine(
    txn ? 'transaction' : 'payment',
    txn ? txn.id : p.id,
    txn ? txn.createdAt : p.occurredAt,
    txn,
    {
      class: cls,
      detail,
      chargeId: txn?.chargeId ?? p.chargeId,
      paymentId: p.id,
      accountId: p.accountId,
      portalAmountMinor: p.amountMinor,
      portalFeeMinor: p.feeMinor,
      portalCurrency: p.currency.toUpperCase(),
      relatedPaymentId,
    },
  );
}

/**
 * The transaction's amount in the portal record's currency: its own when they agree; when Stripe settled it in
 * another currency, its source's own amount (the charge as charged), provided the settled amount is that
 * amount at Stripe's `exchange_rate` (to the minor unit). Null when the currencies do not reconcile.
 */
export function amountInCurrency(txn: StripeTransaction, currency: string): number | null {
  const wanted = currency.toUpperCase();
  if (txn.currency.toUpperCase() === wanted) return txn.amountMinor;
  if (txn.exchangeRate === null || txn.sourceAmountMinor === null) return null;
  if (txn.sourceCurrency?.toUpperCase() !== wanted) return null;
  const shift = 10 ** (currencyExponent(txn.currency) - currencyExponent(wanted));
  const settled = txn.sourceAmountMinor * Number(txn.exchangeRate) * shift;
  return Math.abs(settled - txn.amountMinor) <= 1 ? txn.sourceAmountMinor : null;
}

/** Currency first (amounts in different currencies do not compare), then amount, then fee. */
function compare(
  txn: StripeTransaction,
  expected: { amountMinor: number; feeMinor: number | null; currency: string },
  matchedDetail: TReconDetail,
): { class: TReconClass; detail: TReconDetail | null } {
  const amount = amountInCurrency(txn, expected.currency);
  if (amount === null) return { class: 'currency_mismatch', detail: null };
  if (amount !== expected.amountMinor) return { class: 'amount_mismatch', detail: 'amount' };
  if (expected.feeMinor !== null && txn.feeMinor !== expected.feeMinor)
    return { class: 'amount_mismatch', detail: 'fee' };
  return { class: 'matched', detail: matchedDetail };
}

/** A payout's transactions as met so far: their net, how many, how many not matched. */
type PayoutTotals = { net: number; count: number; untraced: number };

/**
 * What the steps of one reconciliation share: the horizon, the lines waiting to be handed over, each payout's
 * totals, the payments without a charge id (matched by PaymentIntent), and who owns each quote paid twice.
 */
type Run = {
  isDue(iso: string): boolean;
  emit(line: ReconLine): void;
  /** Hands over a batch of lines when one is full (at the end: whatever is left). */
  flush(isFinal?: boolean): Generator<ReconcileEvent>;
  payoutTotals: Map<string, PayoutTotals>;
  withoutCharge: Map<string, { payment: PortalPayment; isMatched: boolean }>;
  ownerOfPayment: Map<string, PortalPayment>;
};

/**
 * Every line and every payout check, in a fixed order: charges by charge id (with the payments Stripe lacks
 * among them), then refunds, disputes, the other transactions, the portal records left, and payouts.
 */
export async function* reconcileStreams(sources: ReconcileSources): AsyncGenerator<ReconcileEvent> {
  const run = await startRun(sources);
  yield* matchCharges(run, sources);
  yield* matchRefunds(run, sources);
  yield* matchDisputes(run, sources);
  yield* matchOtherTransactions(run, sources);
  flagPaymentsNeverCharged(run);
  yield* run.flush(true);
  yield* checkPayouts(run, sources);
}

/** The run's shared state, with the quotes paid more than once and the payments without a charge id read. */
async function startRun(sources: ReconcileSources): Promise<Run> {
  const horizonMs = sources.horizon ? Date.parse(sources.horizon) : null;
  const payoutTotals = new Map<string, PayoutTotals>();
  let out: ReconLine[] = [];
  // Quotes paid more than once: who the portal counts as paying each.
  const contested = await collect(sources.contestedQuotePayments);
  const contestedOwners = ownersOf(contested);
  const ownerOfPayment = new Map<string, PortalPayment>();
  for (const payment of contested) {
    const owner = payment.quoteId ? contestedOwners.get(payment.quoteId) : undefined;
    if (owner && owner.id !== payment.id) ownerOfPayment.set(payment.id, owner);
  }
  const withoutCharge = new Map<string, { payment: PortalPayment; isMatched: boolean }>();
  for (const payment of await collect(sources.paymentsWithoutCharge)) {
    withoutCharge.set(payment.paymentIntentId, { payment, isMatched: false });
  }
  return {
    isDue: (iso) => horizonMs !== null && Date.parse(iso) <= horizonMs,
    *flush(isFinal = false) {
      if (out.length >= LINES_PER_EVENT || (isFinal && out.length > 0)) {
        const lines = out;
        out = [];
        yield { type: 'lines', lines };
      }
    },
    emit(line) {
      const txn = line.txn;
      if (txn?.payoutId) {
        const totals = payoutTotals.get(txn.payoutId) ?? { net: 0, count: 0, untraced: 0 };
        // A payout's own entry (−amount) is what the others pay for, not one of them.
        if (!(has(TRANSACTION_KINDS.payout, txn.type) && txn.sourceId === txn.payoutId)) {
          totals.net += txn.netMinor;
          totals.count += 1;
          if (line.class !== 'matched') totals.untraced += 1;
        }
        payoutTotals.set(txn.payoutId, totals);
      }
      out.push(line);
    },
    payoutTotals,
    withoutCharge,
    ownerOfPayment,
  };
}

function missingAtStripe(
  subjectType: ReconLine['subjectType'],
  subjectId: string,
  occurredAt: string,
  fields: Omit<LineFields, 'class' | 'detail'>,
): ReconLine {
  return makeLine(subjectType, subjectId, occurredAt, null, {
    ...fields,
    class: 'missing_at_stripe',
    detail: 'not_at_stripe',
  });
}

function classifyCharge(
  run: Run,
  txn: StripeTransaction,
  payment: PortalPayment,
  isSecond: boolean,
): ReconLine {
  if (isSecond) return paymentLine(txn, payment, 'duplicate', 'same_payment_twice', payment.id);
  if (!payment.isSucceeded) return paymentLine(txn, payment, 'missing_in_portal', 'payment_not_succeeded');
  // Money taken and not applied is never "matched", refunded or not (decision 010).
  if (!payment.isApplied) return paymentLine(txn, payment, 'duplicate', 'not_applied');
  const owner = run.ownerOfPayment.get(payment.id);
  if (owner) return paymentLine(txn, payment, 'duplicate', 'quote_paid_twice', owner.id);
  const outcome = compare(txn, payment, 'charge');
  return paymentLine(txn, payment, outcome.class, outcome.detail);
}

/** 1. Charges against payments, both by charge id; charges naming a quote the portal lacks a payment of last. */
async function* matchCharges(run: Run, sources: ReconcileSources): AsyncGenerator<ReconcileEvent> {
  const payments = cursor(
    sources.paymentsByCharge,
    (a, b) => compareStrings(a.chargeId ?? '', b.chargeId ?? ''),
    'paymentsByCharge',
  );
  const charges = cursor(sources.charges, chargeOrder, 'charges');
  const unknownWithQuote: StripeTransaction[] = [];
  await payments.advance();
  await charges.advance();
  let lastMatchedCharge: string | null = null;
  while (payments.value || charges.value) {
    yield* run.flush();
    const payment = payments.value;
    const txn = charges.value;
    const order = !txn
      ? -1
      : !payment
        ? 1
        : (payment.chargeId ?? '') < (txn.chargeId ?? '')
          ? -1
          : (payment.chargeId ?? '') > (txn.chargeId ?? '')
            ? 1
            : 0;
    if (order < 0 && payment) {
      // A payment whose charge Stripe does not have (unless a transaction of it was already met).
      if (payment.chargeId !== lastMatchedCharge && payment.isSucceeded && run.isDue(payment.occurredAt)) {
        run.emit(paymentLine(null, payment, 'missing_at_stripe', 'not_at_stripe'));
      }
      await payments.advance();
    } else if (order === 0 && payment && txn) {
      run.emit(classifyCharge(run, txn, payment, lastMatchedCharge === txn.chargeId));
      lastMatchedCharge = txn.chargeId;
      await charges.advance();
      // Keep the payment: a second transaction of the same charge is a duplicate of it.
      if (charges.value?.chargeId !== payment.chargeId) await payments.advance();
    } else if (txn) {
      const byIntent = txn.paymentIntentId ? run.withoutCharge.get(txn.paymentIntentId) : undefined;
      if (byIntent) {
        run.emit(classifyCharge(run, txn, byIntent.payment, byIntent.isMatched));
        byIntent.isMatched = true;
      } else if (txn.quoteId) {
        unknownWithQuote.push(txn);
      } else {
        run.emit(txnLine(txn, { class: 'missing_in_portal', detail: 'no_portal_record' }));
      }
      await charges.advance();
    }
  }
  if (unknownWithQuote.length > 0) {
    const owners = ownersOf(
      await sources.paymentsOfQuotes([...new Set(unknownWithQuote.map((t) => t.quoteId ?? ''))]),
    );
    for (const txn of unknownWithQuote) {
      yield* run.flush();
      const owner = txn.quoteId ? owners.get(txn.quoteId) : undefined;
      run.emit(
        owner
          ? txnLine(txn, {
              class: 'duplicate',
              detail: 'quote_paid_twice',
              relatedPaymentId: owner.id,
              accountId: owner.accountId,
            })
          : txnLine(txn, { class: 'missing_in_portal', detail: 'no_portal_record' }),
      );
    }
  }
}

/** 2. Refunds against their transactions by Stripe id (a failed refund's money coming back included). */
async function* matchRefunds(run: Run, sources: ReconcileSources): AsyncGenerator<ReconcileEvent> {
  yield* mergeById(sources.refunds, sources.refundTransactions, 'refunds', run.flush, {
    onTransaction: (txn, refund) => {
      const ref = {
        paymentId: refund.paymentId,
        accountId: refund.accountId,
        chargeId: txn.chargeId ?? refund.chargeId,
        refundId: refund.id,
        portalCurrency: refund.currency.toUpperCase(),
      };
      if (has(TRANSACTION_KINDS.refundFailure, txn.type)) {
        // The refund's money came back: right only when the portal knows the refund failed.
        if (refund.isExpectedAtStripe)
          return txnLine(txn, {
            ...ref,
            portalAmountMinor: -refund.amountMinor,
            class: 'amount_mismatch',
            detail: 'refund_failed',
          });
        return txnLine(txn, {
          ...ref,
          portalAmountMinor: refund.amountMinor,
          ...compare(
            txn,
            { amountMinor: refund.amountMinor, feeMinor: null, currency: refund.currency },
            'refund',
          ),
        });
      }
      return txnLine(txn, {
        ...ref,
        portalAmountMinor: -refund.amountMinor,
        ...compare(
          txn,
          { amountMinor: -refund.amountMinor, feeMinor: null, currency: refund.currency },
          'refund',
        ),
      });
    },
    isMatchedBy: (txn) => !has(TRANSACTION_KINDS.refundFailure, txn.type),
    onMissing: (refund) =>
      refund.isExpectedAtStripe && run.isDue(refund.occurredAt)
        ? missingAtStripe('refund', refund.id, refund.occurredAt, {
            paymentId: refund.paymentId,
            accountId: refund.accountId,
            chargeId: refund.chargeId,
            refundId: refund.id,
            portalAmountMinor: -refund.amountMinor,
            portalCurrency: refund.currency.toUpperCase(),
          })
        : null,
    emit: run.emit,
  });
}

/** 3. Disputes against their transactions by Stripe id (withdrawals and reinstatements). */
async function* matchDisputes(run: Run, sources: ReconcileSources): AsyncGenerator<ReconcileEvent> {
  yield* mergeById(sources.disputes, sources.disputeTransactions, 'disputes', run.flush, {
    onTransaction: (txn, dispute) => {
      const isReversal = txn.reportingCategory === 'dispute_reversal' || txn.amountMinor > 0;
      const expected = isReversal ? dispute.amountMinor : -dispute.amountMinor;
      return txnLine(txn, {
        paymentId: dispute.paymentId,
        accountId: dispute.accountId,
        chargeId: txn.chargeId ?? dispute.chargeId,
        disputeId: dispute.id,
        portalAmountMinor: expected,
        portalCurrency: dispute.currency.toUpperCase(),
        ...compare(
          txn,
          { amountMinor: expected, feeMinor: null, currency: dispute.currency },
          isReversal ? 'dispute_reversal' : 'dispute',
        ),
      });
    },
    isMatchedBy: (txn) => !(txn.reportingCategory === 'dispute_reversal' || txn.amountMinor > 0),
    onMissing: (dispute) =>
      run.isDue(dispute.occurredAt)
        ? missingAtStripe('dispute', dispute.id, dispute.occurredAt, {
            paymentId: dispute.paymentId,
            accountId: dispute.accountId,
            chargeId: dispute.chargeId,
            disputeId: dispute.id,
            portalAmountMinor: -dispute.amountMinor,
            portalCurrency: dispute.currency.toUpperCase(),
          })
        : null,
    emit: run.emit,
  });
}

/** 4. Everything else: payout entries are the payout itself; the rest the portal has no record of. */
async function* matchOtherTransactions(run: Run, sources: ReconcileSources): AsyncGenerator<ReconcileEvent> {
  const others = cursor(sources.otherTransactions, timeOrder, 'otherTransactions');
  for (let txn = await others.advance(); txn; txn = await others.advance()) {
    yield* run.flush();
    if (has(TRANSACTION_KINDS.payout, txn.type))
      run.emit(txnLine(txn, { class: 'matched', detail: 'payout' }));
    else {
      const byIntent =
        has(TRANSACTION_KINDS.charge, txn.type) && txn.paymentIntentId
          ? run.withoutCharge.get(txn.paymentIntentId)
          : undefined;
      if (byIntent) {
        run.emit(classifyCharge(run, txn, byIntent.payment, byIntent.isMatched));
        byIntent.isMatched = true;
      } else run.emit(txnLine(txn, { class: 'missing_in_portal', detail: 'no_portal_record' }));
    }
  }
}

/** 5. Payments that never got a charge id and that no transaction paid. */
function flagPaymentsNeverCharged(run: Run): void {
  for (const { payment, isMatched } of [...run.withoutCharge.values()].sort((a, b) =>
    a.payment.id < b.payment.id ? -1 : 1,
  )) {
    if (!isMatched && payment.isSucceeded && run.isDue(payment.occurredAt)) {
      run.emit(paymentLine(null, payment, 'missing_at_stripe', 'not_at_stripe'));
    }
  }
}

/** 6. Payouts: each automatic, linked payout's amount against the net of its transactions. */
async function* checkPayouts(run: Run, sources: ReconcileSources): AsyncGenerator<ReconcileEvent> {
  // 6. Payouts.
  for (const payout of await collect(sources.payouts)) {
    const totals = run.payoutTotals.get(payout.id);
    const base = {
      payoutId: payout.id,
      amountMinor: payout.amountMinor,
      currency: payout.currency.toUpperCase(),
      transactionCount: totals?.count ?? 0,
      untracedCount: totals?.untraced ?? 0,
    };
    let check: PayoutCheck;
    if (!payout.isAutomatic) {
      // Stripe itemises only automatic payouts (`balance_transactions?payout=` refuses manual ones).
      check = { ...base, outcome: 'not_itemised', transactionsNetMinor: null };
    } else if (!payout.isLinked) {
      check = { ...base, outcome: 'pending', transactionsNetMinor: totals?.net ?? null };
    } else {
      const net = totals?.net ?? 0;
      check = {
        ...base,
        outcome: net === payout.amountMinor ? 'balanced' : 'unbalanced',
        transactionsNetMinor: net,
      };
    }
    yield { type: 'payout', check };
  }
}

/** Merges portal records by id with the transactions whose source they are (both sorted by that id). */
async function* mergeById<R extends { id: string }>(
  records: Stream<R>,
  transactions: Stream<StripeTransaction>,
  name: string,
  flush: () => Generator<ReconcileEvent>,
  handlers: {
    onTransaction(txn: StripeTransaction, record: R): ReconLine;
    /** Whether this transaction is the one that shows the record reached Stripe. */
    isMatchedBy(txn: StripeTransaction): boolean;
    onMissing(record: R): ReconLine | null;
    emit(line: ReconLine): void;
  },
): AsyncGenerator<ReconcileEvent> {
  const left = cursor(records, (a, b) => compareStrings(a.id, b.id), name);
  const right = cursor(transactions, sourceOrder, `${name} transactions`);
  await left.advance();
  await right.advance();
  let isMatched = false;
  while (left.value || right.value) {
    yield* flush();
    const record = left.value;
    const txn = right.value;
    const order = !txn
      ? -1
      : !record
        ? 1
        : record.id < (txn.sourceId ?? '')
          ? -1
          : record.id > (txn.sourceId ?? '')
            ? 1
            : 0;
    if (order < 0 && record) {
      if (!isMatched) {
        const line = handlers.onMissing(record);
        if (line) handlers.emit(line);
      }
      isMatched = false;
      await left.advance();
    } else if (order === 0 && record && txn) {
      handlers.emit(handlers.onTransaction(txn, record));
      if (handlers.isMatchedBy(txn)) isMatched = true;
      await right.advance();
    } else if (txn) {
      handlers.emit(txnLine(txn, { class: 'missing_in_portal', detail: 'no_portal_record' }));
      await right.advance();
    }
  }
}

/** The key an exception keeps across runs, so that a resolution sticks to the same problem. */
export function exceptionKey(input: { class: string; subjectType: string; subjectId: string }): string {
  return `${input.class}:${input.subjectType}:${input.subjectId}`;
}
