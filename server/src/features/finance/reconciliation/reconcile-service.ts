// A reconciliation run: the portal side loaded into the pure matcher (reconcile.ts), the synced balance
// transactions streamed through it in (created, id) order, its lines and payout checks written as it goes,
// exceptions opened or refreshed, and the run made visible in one final transaction. Repeatable: the same
// data gives the same lines, so two runs have the same fingerprint.

import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { newId } from '../../../platform/db/ids.ts';
import { toJson } from '../../../platform/db/json.ts';
import type { FinanceReconLineTable } from '../../../platform/db/schema.ts';
import type { AppDeps } from '../../../platform/http/context.ts';
import { keepLeaseAlive, tryTakeLease } from '../../../platform/jobs/leases.ts';
import { findStream } from '../sync/sync-repo.ts';
import { exceptionKey, reconcileStreams } from './reconcile.ts';
import {
  type PayoutCheck,
  type PortalPayment,
  type ReconcileSources,
  type ReconLine,
  type StripeTransaction,
  TRANSACTION_KINDS,
} from './reconcile-contract.ts';
import * as repo from './reconcile-repo.ts';

/** Rows per page read from each stream, and lines per write transaction. */
const PAGE = 5_000;
const WRITE_BATCH = 5_000;
const LEASE_NAME = 'finance-reconcile';
/** Portal records younger than this before the sync's cursor are not yet expected at Stripe. */
export const SETTLE_SECONDS = 5 * 60;

export type ReconcileOutcome =
  | {
      status: 'completed';
      runId: string;
      counts: Record<string, number>;
      transactionCount: number;
      fingerprint: string;
      payouts: PayoutCheck[];
    }
  | { status: 'skipped'; reason: 'already_running' };

/** Portal payments, refunds and disputes dated up to here should be at Stripe by now. */
async function horizonOf(deps: AppDeps): Promise<string | null> {
  const stream = await findStream(deps.db, 'balance_transactions');
  if (stream?.cursor_created == null) return null;
  return new Date((stream.cursor_created - SETTLE_SECONDS) * 1000).toISOString();
}

function lineRow(runId: string, lineNo: number, line: ReconLine): Insertable<FinanceReconLineTable> {
  const { txn } = line;
  return {
    run_id: runId,
    line_no: lineNo,
    class: line.class,
    detail: line.detail,
    subject_type: line.subjectType,
    subject_id: line.subjectId,
    occurred_at: line.occurredAt,
    charge_id: line.chargeId,
    txn_id: txn?.id ?? null,
    txn_type: txn?.type ?? null,
    stripe_amount_minor: txn?.amountMinor ?? null,
    stripe_fee_minor: txn?.feeMinor ?? null,
    stripe_net_minor: txn?.netMinor ?? null,
    stripe_currency: txn?.currency ?? null,
    portal_amount_minor: line.portalAmountMinor,
    portal_fee_minor: line.portalFeeMinor,
    portal_currency: line.portalCurrency,
    payment_id: line.paymentId,
    refund_id: line.refundId,
    dispute_id: line.disputeId,
    account_id: line.accountId,
    payout_id: txn?.payoutId ?? null,
    related_payment_id: line.relatedPaymentId,
  };
}

/** The canonical text of a line, hashed into the run's fingerprint. */
function lineFingerprint(row: Insertable<FinanceReconLineTable>): string {
  return JSON.stringify([
    row.class,
    row.detail,
    row.subject_type,
    row.subject_id,
    row.txn_id,
    row.stripe_amount_minor,
    row.stripe_fee_minor,
    row.stripe_currency,
    row.portal_amount_minor,
    row.portal_fee_minor,
    row.portal_currency,
    row.payment_id,
    row.refund_id,
    row.dispute_id,
    row.charge_id,
    row.payout_id,
    row.related_payment_id,
  ]);
}

function exceptionRow(
  runId: string,
  nowIso: string,
  row: Insertable<FinanceReconLineTable>,
): repo.ExceptionInsert {
  return {
    id: newId('fex'),
    key: exceptionKey({ class: row.class, subjectType: row.subject_type, subjectId: row.subject_id }),
    class: row.class,
    detail: row.detail ?? null,
    status: 'open',
    is_current: 0,
    subject_type: row.subject_type,
    subject_id: row.subject_id,
    occurred_at: row.occurred_at,
    txn_id: row.txn_id ?? null,
    stripe_amount_minor: row.stripe_amount_minor ?? null,
    stripe_fee_minor: row.stripe_fee_minor ?? null,
    stripe_currency: row.stripe_currency ?? null,
    portal_amount_minor: row.portal_amount_minor ?? null,
    portal_fee_minor: row.portal_fee_minor ?? null,
    portal_currency: row.portal_currency ?? null,
    charge_id: row.charge_id ?? null,
    payment_id: row.payment_id ?? null,
    refund_id: row.refund_id ?? null,
    dispute_id: row.dispute_id ?? null,
    related_payment_id: row.related_payment_id ?? null,
    payout_id: row.payout_id ?? null,
    account_id: row.account_id ?? null,
    first_seen_at: nowIso,
    last_seen_at: nowIso,
    last_run_id: runId,
    resolved_at: null,
    resolved_by_user_id: null,
    resolved_by_label: null,
    resolution_note: null,
    updated_at: nowIso,
  };
}

function payoutExceptionRow(runId: string, nowIso: string, check: PayoutCheck): repo.ExceptionInsert {
  return {
    ...exceptionRow(runId, nowIso, {
      run_id: runId,
      line_no: 0,
      class: 'payout_unbalanced',
      detail: 'payout_sum',
      subject_type: 'payout',
      subject_id: check.payoutId,
      occurred_at: nowIso,
      stripe_amount_minor: check.amountMinor,
      stripe_currency: check.currency,
      portal_amount_minor: check.transactionsNetMinor,
      portal_currency: check.currency,
      payout_id: check.payoutId,
    }),
  };
}

/**
 * Reconciles everything synced from Stripe against the portal. One run at a time; a run that crashed is
 * discarded by the next one. Never changes payments, refunds or disputes: it only records what it found.
 */
export async function runReconciliation(deps: AppDeps): Promise<ReconcileOutcome> {
  const runId = newId('frr');
  const at = () => deps.clock.now().toISOString();
  const lease = await tryTakeLease(deps.db, {
    name: LEASE_NAME,
    owner: runId,
    ttlMs: deps.config.jobs.leaseTtlMs,
    now: () => deps.clock.now().getTime(),
  });
  if (!lease) return { status: 'skipped', reason: 'already_running' };
  // Kept while this process runs; killed with -9, the next run takes over within the ttl.
  const alive = keepLeaseAlive(lease, deps.config.jobs.leaseTtlMs);
  try {
    const horizon = await horizonOf(deps);
    await deps.db.transaction().execute(async (tx) => {
      await repo.deleteIncompleteRuns(tx);
      await repo.insertRun(tx, {
        id: runId,
        status: 'running',
        started_at: at(),
        finished_at: null,
        horizon,
        counts_json: '{}',
        fingerprint: null,
        error: null,
      });
    });
    const hash = createHash('sha256');
    const counts: Record<string, number> = {};
    let lineNo = 0;
    let transactionCount = 0;
    const write = async (lines: ReconLine[]) => {
      const rows = lines.map((line) => lineRow(runId, ++lineNo, line));
      const nowIso = at();
      const exceptions = rows.filter((r) => r.class !== 'matched').map((r) => exceptionRow(runId, nowIso, r));
      for (const row of rows) {
        hash.update(lineFingerprint(row));
        hash.update('\n');
        counts[row.class] = (counts[row.class] ?? 0) + 1;
        if (row.txn_id) transactionCount += 1;
      }
      await deps.db.transaction().execute(async (tx) => {
        if (!(await lease.renew(tx))) throw new Error('reconciliation lease lost');
        await repo.insertLines(tx, rows);
        await repo.upsertExceptions(tx, exceptions);
      });
    };

    const payouts: PayoutCheck[] = [];
    let pending: ReconLine[] = [];
    for await (const event of reconcileStreams(sourcesFromDatabase(deps, horizon))) {
      if (event.type === 'payout') {
        payouts.push(event.check);
        continue;
      }
      pending.push(...event.lines);
      if (pending.length >= WRITE_BATCH) {
        await write(pending);
        pending = [];
      }
    }
    if (pending.length > 0) await write(pending);
    for (const check of payouts) hash.update(JSON.stringify(check));
    const fingerprint = hash.digest('hex');
    const finishedAt = at();
    await deps.db.transaction().execute(async (tx) => {
      await repo.insertPayoutChecks(
        tx,
        payouts.map((check) => ({
          run_id: runId,
          payout_id: check.payoutId,
          outcome: check.outcome,
          amount_minor: check.amountMinor,
          currency: check.currency,
          transactions_net_minor: check.transactionsNetMinor,
          transaction_count: check.transactionCount,
          untraced_count: check.untracedCount,
        })),
      );
      const unbalanced = payouts.filter((check) => check.outcome === 'unbalanced');
      if (unbalanced.length > 0) counts.payout_unbalanced = unbalanced.length;
      await repo.upsertExceptions(
        tx,
        unbalanced.map((check) => payoutExceptionRow(runId, finishedAt, check)),
      );
      await repo.completeRun(tx, {
        id: runId,
        finishedAt,
        countsJson: toJson(counts),
        fingerprint,
        transactionCount,
      });
    });
    deps.logger.info({ runId, counts, transactionCount }, 'finance reconciliation completed');
    return { status: 'completed', runId, counts, transactionCount, fingerprint, payouts };
  } catch (error) {
    await repo.failRun(deps.db, runId, at(), error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    alive.stop();
    await lease.release();
  }
}

const toPayment = (p: repo.PaymentRow): PortalPayment => ({
  id: p.id,
  paymentIntentId: p.stripe_payment_intent_id,
  chargeId: p.stripe_charge_id,
  amountMinor: p.amount_minor,
  feeMinor: p.fee_minor,
  currency: p.currency,
  isSucceeded: p.status === 'succeeded',
  isApplied: p.fulfilment_status !== 'rejected',
  quoteId: p.quote_id,
  hasInvoice: Boolean(p.has_invoice),
  accountId: p.account_id,
  occurredAt: p.paid_at ?? p.created_at,
});

const toTransaction = (t: repo.TransactionRow): StripeTransaction => ({
  id: t.id,
  type: t.type,
  reportingCategory: t.reporting_category,
  amountMinor: t.amount_minor,
  feeMinor: t.fee_minor,
  netMinor: t.net_minor,
  currency: t.currency,
  createdAt: t.stripe_created_at,
  sourceId: t.source_id,
  chargeId: t.charge_id,
  paymentIntentId: t.payment_intent_id,
  quoteId: t.quote_id,
  payoutId: t.payout_id,
  exchangeRate: t.exchange_rate,
  sourceAmountMinor: t.source_amount_minor,
  sourceCurrency: t.source_currency,
});

/** Reads pages of `PAGE` rows while the consumer wants more, a page at a time. */
async function* paged<Row, Item>(
  fetch: (after: Row | null) => Promise<Row[]>,
  map: (row: Row) => Item,
): AsyncGenerator<Item[]> {
  for (let after: Row | null = null; ; ) {
    const rows = await fetch(after);
    if (rows.length > 0) yield rows.map(map);
    if (rows.length < PAGE) return;
    after = rows.at(-1) ?? null;
  }
}

async function* listed<Row, Item>(rows: Promise<Row[]>, map: (row: Row) => Item): AsyncGenerator<Item[]> {
  yield (await rows).map(map);
}

/** The matching's sorted streams, each read from the database in keyset pages. */
function sourcesFromDatabase(deps: AppDeps, horizon: string | null): ReconcileSources {
  const db = deps.db;
  const transactions = (stream: repo.TransactionStream, key: (t: repo.TransactionRow) => string) =>
    paged(
      (after: repo.TransactionRow | null) =>
        repo.pageTransactionStream(
          db,
          stream,
          TRANSACTION_KINDS,
          after ? { key: key(after), createdAt: after.stripe_created_at, id: after.id } : null,
          PAGE,
        ),
      toTransaction,
    );
  return {
    horizon,
    contestedQuotePayments: listed(repo.listContestedQuotePayments(db), toPayment),
    paymentsByCharge: paged(
      (after: repo.PaymentRow | null) => repo.pagePaymentsByCharge(db, after?.stripe_charge_id ?? null, PAGE),
      toPayment,
    ),
    paymentsWithoutCharge: listed(repo.listPaymentsWithoutCharge(db), toPayment),
    charges: transactions('charges', (t) => t.charge_id ?? ''),
    refunds: paged(
      (after: repo.RefundRow | null) => repo.pageRefunds(db, after?.id ?? null, PAGE),
      (r: repo.RefundRow) => ({
        id: r.id,
        paymentId: r.payment_id,
        chargeId: r.stripe_charge_id,
        accountId: r.account_id,
        amountMinor: r.amount_minor,
        currency: r.currency,
        isExpectedAtStripe: r.status === 'succeeded' || r.status === 'pending',
        occurredAt: r.stripe_created_at,
      }),
    ),
    refundTransactions: transactions('refunds', (t) => t.source_id ?? ''),
    disputes: paged(
      (after: repo.DisputeRow | null) => repo.pageDisputes(db, after?.id ?? null, PAGE),
      (d: repo.DisputeRow) => ({
        id: d.id,
        paymentId: d.payment_id,
        chargeId: d.stripe_charge_id,
        accountId: d.account_id,
        amountMinor: d.amount_minor,
        currency: d.currency,
        occurredAt: d.stripe_created_at,
      }),
    ),
    disputeTransactions: transactions('disputes', (t) => t.source_id ?? ''),
    otherTransactions: transactions('others', () => ''),
    payouts: listed(repo.listPayoutsForCheck(db), (p) => ({
      id: p.id,
      amountMinor: p.amount_minor,
      currency: p.currency,
      isAutomatic: p.is_automatic === 1,
      isLinked: p.transactions_linked_at !== null,
    })),
    paymentsOfQuotes: async (quoteIds) => (await repo.listPaymentsOfQuotes(db, quoteIds)).map(toPayment),
  };
}
