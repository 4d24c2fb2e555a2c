// SQL for reading the current reconciliation: its lines (by class, by charge, a payout's through its
// transactions) with account names and the payments' invoices, and payouts with their check.

import type { ReadsOf } from '../../../platform/db/slice.ts';

/** What these reads join (decision 015: finance reads other features' rows, never writes them). */
type Reads = ReadsOf<
  | 'accounts'
  | 'finance_recon_lines'
  | 'finance_recon_payouts'
  | 'invoices'
  | 'stripe_balance_transactions'
  | 'stripe_payouts'
>;

export type LineFilter = { class?: string | undefined };

/** A completed run's lines in line order after `afterLineNo`, with account names and the payments' invoices. */
export async function pageLines(
  db: Reads,
  runId: string,
  filter: LineFilter,
  afterLineNo: number,
  limit: number,
) {
  let query = db
    .selectFrom('finance_recon_lines as l')
    .leftJoin('accounts as a', 'a.id', 'l.account_id')
    .leftJoin('invoices as i', 'i.payment_id', 'l.payment_id')
    .selectAll('l')
    .select(['a.name as account_name', 'i.id as invoice_id', 'i.number as invoice_number'])
    .where('l.run_id', '=', runId)
    .where('l.line_no', '>', afterLineNo)
    .orderBy('l.line_no')
    .limit(limit);
  if (filter.class) query = query.where('l.class', '=', filter.class);
  return query.execute();
}

export type LineWithNames = Awaited<ReturnType<typeof pageLines>>[number];

function linesWithNames(db: Reads, runId: string) {
  return db
    .selectFrom('finance_recon_lines as l')
    .leftJoin('accounts as a', 'a.id', 'l.account_id')
    .leftJoin('invoices as i', 'i.payment_id', 'l.payment_id')
    .selectAll('l')
    .select(['a.name as account_name', 'i.id as invoice_id', 'i.number as invoice_number'])
    .where('l.run_id', '=', runId);
}

export type PayoutPosition = { createdAt: string; id: string };

/**
 * A page of a payout's lines, in the order of its transactions: the transactions through their payout index,
 * their lines through the lines' charge index (those without a charge, e.g. the payout's own entry, by id).
 */
export async function pagePayoutLines(
  db: Reads,
  runId: string,
  payoutId: string,
  after: PayoutPosition | null,
  limit: number,
): Promise<{ lines: LineWithNames[]; next: PayoutPosition | null }> {
  let query = db
    .selectFrom('stripe_balance_transactions')
    .select(['id', 'charge_id', 'stripe_created_at'])
    .where('payout_id', '=', payoutId)
    .orderBy('stripe_created_at')
    .orderBy('id')
    .limit(limit);
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('stripe_created_at', 'id'), '>', eb.tuple(after.createdAt, after.id)),
    );
  }
  const txns = await query.execute();
  const chargeIds = [...new Set(txns.map((t) => t.charge_id).filter((id): id is string => id !== null))];
  const uncharged = txns.filter((t) => t.charge_id === null).map((t) => t.id);
  const found: LineWithNames[] = [];
  for (let start = 0; start < chargeIds.length; start += 500) {
    found.push(
      ...(await linesWithNames(db, runId)
        .where('l.charge_id', 'in', chargeIds.slice(start, start + 500))
        .execute()),
    );
  }
  for (let start = 0; start < uncharged.length; start += 500) {
    found.push(
      ...(await linesWithNames(db, runId)
        .where('l.charge_id', 'is', null)
        .where('l.txn_id', 'in', uncharged.slice(start, start + 500))
        .execute()),
    );
  }
  const byTxn = new Map(found.filter((l) => l.txn_id !== null).map((l) => [l.txn_id as string, l]));
  const last = txns.at(-1);
  return {
    lines: txns.map((t) => byTxn.get(t.id)).filter((l): l is LineWithNames => l !== undefined),
    next: last && txns.length === limit ? { createdAt: last.stripe_created_at, id: last.id } : null,
  };
}

export async function listPayoutsWithChecks(db: Reads, runId: string | null, limit: number) {
  return db
    .selectFrom('stripe_payouts as p')
    .leftJoin('finance_recon_payouts as c', (join) =>
      join.onRef('c.payout_id', '=', 'p.id').on('c.run_id', '=', runId ?? ''),
    )
    .selectAll('p')
    .select(['c.outcome', 'c.transactions_net_minor', 'c.transaction_count', 'c.untraced_count'])
    .orderBy('p.stripe_created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findPayoutWithCheck(db: Reads, runId: string | null, payoutId: string) {
  return db
    .selectFrom('stripe_payouts as p')
    .leftJoin('finance_recon_payouts as c', (join) =>
      join.onRef('c.payout_id', '=', 'p.id').on('c.run_id', '=', runId ?? ''),
    )
    .selectAll('p')
    .select(['c.outcome', 'c.transactions_net_minor', 'c.transaction_count', 'c.untraced_count'])
    .where('p.id', '=', payoutId)
    .executeTakeFirst();
}

export type PayoutWithCheck = NonNullable<Awaited<ReturnType<typeof findPayoutWithCheck>>>;

/** A run's lines about some charges (a payment's page, the ledger's column). */
export async function listLinesOfCharges(db: Reads, runId: string, chargeIds: readonly string[]) {
  if (chargeIds.length === 0) return [];
  return db
    .selectFrom('finance_recon_lines')
    .select([
      'line_no',
      'class',
      'detail',
      'subject_type',
      'subject_id',
      'charge_id',
      'payment_id',
      'refund_id',
      'dispute_id',
    ])
    .where('run_id', '=', runId)
    .where('charge_id', 'in', chargeIds)
    .orderBy('line_no')
    .execute();
}
