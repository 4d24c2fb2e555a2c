// SQL of reconciliation runs: the portal's payments, refunds and disputes and the synced balance transactions
// read in keyset pages (so a million rows never sit in memory at once), the run's lines and payout checks
// written in chunks, exceptions upserted by their stable key, and the switch to a completed run.

import { type Insertable, type Selectable, sql } from 'kysely';
import type { DbOf, ReadsOf } from '../../../platform/db/slice.ts';

/** What these reads join (decision 015: finance reads other features' rows, never writes them). */
type Reads = ReadsOf<
  | 'disputes'
  | 'finance_exceptions'
  | 'finance_recon_lines'
  | 'finance_recon_payouts'
  | 'finance_recon_runs'
  | 'invoices'
  | 'payments'
  | 'refunds'
  | 'stripe_balance_transactions'
  | 'stripe_payouts'
>;
/** Finance's own tables, the only ones written here. */
type Writes = DbOf<
  'finance_exceptions' | 'finance_recon_lines' | 'finance_recon_payouts' | 'finance_recon_runs'
>;

import type {
  FinanceExceptionTable,
  FinanceReconLineTable,
  FinanceReconPayoutTable,
  FinanceReconRunTable,
} from '../../../platform/db/schema.ts';

export type ReconRunRow = Selectable<FinanceReconRunTable>;
export type ReconLineRow = Selectable<FinanceReconLineTable>;
export type ExceptionInsert = Insertable<FinanceExceptionTable>;

/** 200 rows a statement: large enough to batch, small enough that preparing it stays cheap. */
const LINE_CHUNK = 200;
const EXCEPTION_CHUNK = 500;

export async function insertRun(db: Writes, row: Insertable<FinanceReconRunTable>): Promise<void> {
  await db.insertInto('finance_recon_runs').values(row).execute();
}

/** Runs that never completed (a crash) and their partial lines are dropped before a new run. */
export async function deleteIncompleteRuns(db: Writes): Promise<void> {
  const stale = db.selectFrom('finance_recon_runs').select('id').where('status', '!=', 'completed');
  await db.deleteFrom('finance_recon_lines').where('run_id', 'in', stale).execute();
  await db.deleteFrom('finance_recon_payouts').where('run_id', 'in', stale).execute();
  await db.deleteFrom('finance_recon_runs').where('status', '=', 'running').execute();
}

export async function failRun(db: Writes, id: string, at: string, error: string): Promise<void> {
  await db
    .updateTable('finance_recon_runs')
    .set({ status: 'failed', finished_at: at, error })
    .where('id', '=', id)
    .execute();
}

/** The run readers see: the one completed run (completing a run supersedes the one before). */
export async function findLatestCompletedRun(db: Reads): Promise<ReconRunRow | undefined> {
  return db.selectFrom('finance_recon_runs').selectAll().where('status', '=', 'completed').executeTakeFirst();
}

// ---- the portal side, in the orders the matching merges by ----

const PAYMENT_COLUMNS = [
  'payments.id',
  'payments.stripe_payment_intent_id',
  'payments.stripe_charge_id',
  'payments.amount_minor',
  'payments.fee_minor',
  'payments.currency',
  'payments.status',
  'payments.fulfilment_status',
  'payments.quote_id',
  'payments.account_id',
  'payments.paid_at',
  'payments.created_at',
] as const;

/** Payments as the matching reads them; whether each was invoiced only where it decides a quote's owner. */
function paymentColumns(db: Reads, withInvoice = false) {
  return db
    .selectFrom('payments')
    .select(PAYMENT_COLUMNS)
    .select((eb) =>
      withInvoice
        ? eb
            .exists(
              eb
                .selectFrom('invoices')
                .select('invoices.id')
                .whereRef('invoices.payment_id', '=', 'payments.id'),
            )
            .as('has_invoice')
        : sql<boolean>`0`.as('has_invoice'),
    );
}

export type PaymentRow = Awaited<ReturnType<typeof pagePaymentsByCharge>>[number];

/** Payments with a charge id, by charge id (its unique index). */
export async function pagePaymentsByCharge(db: Reads, afterChargeId: string | null, limit: number) {
  let query = paymentColumns(db)
    .where('payments.stripe_charge_id', 'is not', null)
    .orderBy('payments.stripe_charge_id')
    .limit(limit);
  if (afterChargeId !== null) query = query.where('payments.stripe_charge_id', '>', afterChargeId);
  return query.execute();
}

export async function listPaymentsWithoutCharge(db: Reads) {
  return paymentColumns(db).where('payments.stripe_charge_id', 'is', null).orderBy('payments.id').execute();
}

/** Succeeded payments of the quotes that have more than one. */
export async function listContestedQuotePayments(db: Reads) {
  const contested = db
    .selectFrom('payments')
    .select('quote_id')
    .where('status', '=', 'succeeded')
    .where('quote_id', 'is not', null)
    .groupBy('quote_id')
    .having((eb) => eb.fn.countAll(), '>', 1);
  return paymentColumns(db, true)
    .where('payments.status', '=', 'succeeded')
    .where('payments.quote_id', 'in', contested)
    .orderBy('payments.quote_id')
    .orderBy('payments.id')
    .execute();
}

export async function listPaymentsOfQuotes(db: Reads, quoteIds: readonly string[]) {
  const rows: PaymentRow[] = [];
  for (let start = 0; start < quoteIds.length; start += 500) {
    rows.push(
      ...(await paymentColumns(db, true)
        .where('payments.status', '=', 'succeeded')
        .where('payments.quote_id', 'in', quoteIds.slice(start, start + 500))
        .execute()),
    );
  }
  return rows;
}

/** Refunds by id, with the payment (and account) they belong to. */
export async function pageRefunds(db: Reads, afterId: string | null, limit: number) {
  let query = db
    .selectFrom('refunds as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .select([
      'r.id',
      'r.payment_id',
      'r.stripe_charge_id',
      'r.amount_minor',
      'r.currency',
      'r.status',
      'r.stripe_created_at',
      'p.account_id',
    ])
    .orderBy('r.id')
    .limit(limit);
  if (afterId !== null) query = query.where('r.id', '>', afterId);
  return query.execute();
}

/** Disputes by id, with the payment (and account) they belong to. */
export async function pageDisputes(db: Reads, afterId: string | null, limit: number) {
  let query = db
    .selectFrom('disputes as d')
    .innerJoin('payments as p', 'p.id', 'd.payment_id')
    .select([
      'd.id',
      'd.payment_id',
      'd.stripe_charge_id',
      'd.amount_minor',
      'd.currency',
      'd.stripe_created_at',
      'p.account_id',
    ])
    .orderBy('d.id')
    .limit(limit);
  if (afterId !== null) query = query.where('d.id', '>', afterId);
  return query.execute();
}

export type RefundRow = Awaited<ReturnType<typeof pageRefunds>>[number];
export type DisputeRow = Awaited<ReturnType<typeof pageDisputes>>[number];

// ---- the Stripe side ----

export type TransactionKinds = {
  charge: readonly string[];
  refund: readonly string[];
  refundFailure: readonly string[];
  disputeCategories: readonly string[];
};

export type TransactionStream = 'charges' | 'refunds' | 'disputes' | 'others';

/** The position after which the next page starts: the merge key (charge or source id, '' for others), created, id. */
export type TransactionPosition = { key: string; createdAt: string; id: string };

const TRANSACTION_COLUMNS = [
  'id',
  'type',
  'reporting_category',
  'amount_minor',
  'fee_minor',
  'net_minor',
  'currency',
  'stripe_created_at',
  'source_id',
  'charge_id',
  'payment_intent_id',
  'quote_id',
  'payout_id',
  'exchange_rate',
  'source_amount_minor',
  'source_currency',
] as const;

/**
 * One stream of balance transactions in its merge order, a page after a position: charges (with a charge id)
 * by charge id; refunds and refund failures, and disputes, by source id; the others by creation. The kinds come
 * from the matching module, so the split is decided in one place.
 */
export async function pageTransactionStream(
  db: Reads,
  stream: TransactionStream,
  kinds: TransactionKinds,
  after: TransactionPosition | null,
  limit: number,
) {
  const refundTypes = [...kinds.refund, ...kinds.refundFailure];
  const notChargeOrRefund = [...kinds.charge, ...refundTypes];
  let query = db.selectFrom('stripe_balance_transactions').select(TRANSACTION_COLUMNS).limit(limit);
  switch (stream) {
    case 'charges':
      query = query
        .where('type', 'in', [...kinds.charge])
        .where('charge_id', 'is not', null)
        .orderBy('charge_id')
        .orderBy('stripe_created_at')
        .orderBy('id');
      if (after) {
        query = query.where((eb) =>
          eb(
            eb.refTuple('charge_id', 'stripe_created_at', 'id'),
            '>',
            eb.tuple(after.key, after.createdAt, after.id),
          ),
        );
      }
      break;
    case 'refunds':
    case 'disputes':
      query =
        stream === 'refunds'
          ? query.where('type', 'in', refundTypes)
          : query
              .where('type', 'not in', notChargeOrRefund)
              .where('reporting_category', 'in', [...kinds.disputeCategories]);
      query = query
        .where('source_id', 'is not', null)
        .orderBy('source_id')
        .orderBy('stripe_created_at')
        .orderBy('id');
      if (after) {
        query = query.where((eb) =>
          eb(
            eb.refTuple('source_id', 'stripe_created_at', 'id'),
            '>',
            eb.tuple(after.key, after.createdAt, after.id),
          ),
        );
      }
      break;
    case 'others':
      query = query
        .where((eb) =>
          eb.and([
            eb.or([eb('type', 'not in', [...kinds.charge]), eb('charge_id', 'is', null)]),
            eb.or([eb('type', 'not in', refundTypes), eb('source_id', 'is', null)]),
            eb.or([
              eb('type', 'in', notChargeOrRefund),
              eb('reporting_category', 'not in', [...kinds.disputeCategories]),
              eb('source_id', 'is', null),
            ]),
          ]),
        )
        .orderBy('stripe_created_at')
        .orderBy('id');
      if (after) {
        query = query.where((eb) =>
          eb(eb.refTuple('stripe_created_at', 'id'), '>', eb.tuple(after.createdAt, after.id)),
        );
      }
      break;
    default: {
      const unreachable: never = stream;
      return unreachable;
    }
  }
  return query.execute();
}

export type TransactionRow = Awaited<ReturnType<typeof pageTransactionStream>>[number];

export async function listPayoutsForCheck(db: Reads) {
  return db
    .selectFrom('stripe_payouts')
    .select(['id', 'amount_minor', 'currency', 'is_automatic', 'transactions_linked_at'])
    .orderBy('stripe_created_at')
    .orderBy('id')
    .execute();
}

// ---- writing a run ----

export async function insertLines(
  db: Writes,
  rows: readonly Insertable<FinanceReconLineTable>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += LINE_CHUNK) {
    await db
      .insertInto('finance_recon_lines')
      .values(rows.slice(start, start + LINE_CHUNK))
      .execute();
  }
}

export async function insertPayoutChecks(
  db: Writes,
  rows: readonly Insertable<FinanceReconPayoutTable>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += LINE_CHUNK) {
    await db
      .insertInto('finance_recon_payouts')
      .values(rows.slice(start, start + LINE_CHUNK))
      .execute();
  }
}

/**
 * Records what this run found: a new problem opens an exception; a known one is refreshed (its figures, when
 * last seen) and keeps its status and resolution note. Visibility switches at `completeRun`.
 */
export async function upsertExceptions(db: Writes, rows: readonly ExceptionInsert[]): Promise<void> {
  for (let start = 0; start < rows.length; start += EXCEPTION_CHUNK) {
    await db
      .insertInto('finance_exceptions')
      .values(rows.slice(start, start + EXCEPTION_CHUNK))
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          detail: eb.ref('excluded.detail'),
          occurred_at: eb.ref('excluded.occurred_at'),
          txn_id: eb.ref('excluded.txn_id'),
          stripe_amount_minor: eb.ref('excluded.stripe_amount_minor'),
          stripe_fee_minor: eb.ref('excluded.stripe_fee_minor'),
          stripe_currency: eb.ref('excluded.stripe_currency'),
          portal_amount_minor: eb.ref('excluded.portal_amount_minor'),
          portal_fee_minor: eb.ref('excluded.portal_fee_minor'),
          portal_currency: eb.ref('excluded.portal_currency'),
          charge_id: eb.ref('excluded.charge_id'),
          payment_id: eb.ref('excluded.payment_id'),
          refund_id: eb.ref('excluded.refund_id'),
          dispute_id: eb.ref('excluded.dispute_id'),
          related_payment_id: eb.ref('excluded.related_payment_id'),
          payout_id: eb.ref('excluded.payout_id'),
          account_id: eb.ref('excluded.account_id'),
          last_seen_at: eb.ref('excluded.last_seen_at'),
          last_run_id: eb.ref('excluded.last_run_id'),
        })),
      )
      .execute();
  }
}

/**
 * Makes the run the one readers see (call inside one transaction): the run before it superseded, this one
 * completed with its counts and the fingerprint it replaced; exceptions found by it current, all others not;
 * earlier runs' lines and payout checks removed.
 */
export async function completeRun(
  db: Writes,
  run: { id: string; finishedAt: string; countsJson: string; fingerprint: string; transactionCount: number },
): Promise<void> {
  const previous = await findLatestCompletedRun(db);
  await db
    .updateTable('finance_recon_runs')
    .set({ status: 'superseded' })
    .where('status', '=', 'completed')
    .execute();
  await db
    .updateTable('finance_recon_runs')
    .set({
      previous_fingerprint: previous?.fingerprint ?? null,
      status: 'completed',
      finished_at: run.finishedAt,
      counts_json: run.countsJson,
      fingerprint: run.fingerprint,
      transaction_count: run.transactionCount,
    })
    .where('id', '=', run.id)
    .execute();
  await db
    .updateTable('finance_exceptions')
    .set((eb) => ({
      is_current: eb.case().when('last_run_id', '=', run.id).then(eb.lit(1)).else(eb.lit(0)).end(),
    }))
    .execute();
  await db.deleteFrom('finance_recon_lines').where('run_id', '!=', run.id).execute();
  await db.deleteFrom('finance_recon_payouts').where('run_id', '!=', run.id).execute();
}
