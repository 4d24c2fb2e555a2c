// The finance CSV exports, streamed page by page from the database (keyset pages, never the whole table in
// memory): the ledger (same filters as the page), the latest reconciliation (optionally one class), a payout's
// breakdown, and the month-end summary. `?bom=1` starts the file with a UTF-8 byte-order mark for Excel.

import type { TLedgerQuery, TMonthEndQuery, TReconClass } from '@portal/shared/schemas/finance';
import { ZLedgerQuery } from '@portal/shared/schemas/finance';
import type { AppDeps } from '../../../platform/http/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { getMonthEndSummary } from '../month-end/month-end.ts';
import * as readRepo from '../reconciliation/recon-read-repo.ts';
import * as reconRepo from '../reconciliation/reconcile-repo.ts';
import { amountCell, type Cell, csvStream } from './csv-stream.ts';
import { ledgerFilter } from './ledger.ts';
import * as ledgerRepo from './ledger-repo.ts';

const PAGE = 1_000;

export type CsvExport = { filename: string; stream: ReadableStream<Uint8Array> };

const stamp = (deps: AppDeps) => deps.clock.today();

export const LEDGER_CSV_HEADER = [
  'Date',
  'Kind',
  'ID',
  'Status',
  'Account',
  'Account ID',
  'Amount',
  'Fee',
  'Net',
  'Currency',
  'Payment ID',
  'Invoice',
  'Stripe ID',
  'PaymentIntent',
] as const;

/** The ledger with the page's filters, every matching entry, newest first. */
export function exportLedgerCsv(deps: AppDeps, input: TLedgerQuery, bom: boolean): CsvExport {
  const query = ZLedgerQuery.parse(input);
  const filter = ledgerFilter(deps, query);
  async function* pages(): AsyncGenerator<Cell[][]> {
    let after: ledgerRepo.LedgerPosition | null = null;
    for (;;) {
      const rows = await ledgerRepo.pageLedger(deps.db, filter, after, PAGE);
      if (rows.length === 0) return;
      yield rows.map((r) => [
        r.occurred_at,
        r.kind,
        r.id,
        r.status,
        r.account_name,
        r.account_id,
        amountCell(r.amount_minor, r.currency),
        amountCell(r.fee_minor, r.currency),
        amountCell(r.net_minor, r.currency),
        r.currency,
        r.payment_id,
        r.invoice_number,
        r.stripe_id,
        r.payment_intent_id,
      ]);
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      after = { occurredAt: last.occurred_at, id: last.id };
    }
  }
  return {
    filename: `ledger-${stamp(deps)}.csv`,
    stream: csvStream({ header: LEDGER_CSV_HEADER, bom, pages: pages() }),
  };
}

export const RECONCILIATION_CSV_HEADER = [
  'Line',
  'Class',
  'Detail',
  'Subject',
  'Subject ID',
  'Date',
  'Balance transaction',
  'Type',
  'Stripe amount',
  'Stripe fee',
  'Stripe net',
  'Stripe currency',
  'Portal amount',
  'Portal fee',
  'Portal currency',
  'Payment ID',
  'Refund ID',
  'Dispute ID',
  'Invoice',
  'Account',
  'Payout',
  'Related payment',
] as const;

function reconRow(r: readRepo.LineWithNames): Cell[] {
  return [
    r.line_no,
    r.class,
    r.detail,
    r.subject_type,
    r.subject_id,
    r.occurred_at,
    r.txn_id,
    r.txn_type,
    amountCell(r.stripe_amount_minor, r.stripe_currency),
    amountCell(r.stripe_fee_minor, r.stripe_currency),
    amountCell(r.stripe_net_minor, r.stripe_currency),
    r.stripe_currency,
    amountCell(r.portal_amount_minor, r.portal_currency),
    amountCell(r.portal_fee_minor, r.portal_currency),
    r.portal_currency,
    r.payment_id,
    r.refund_id,
    r.dispute_id,
    r.invoice_number,
    r.account_name,
    r.payout_id,
    r.related_payment_id,
  ];
}

async function* linePages(deps: AppDeps, runId: string | null, filter: readRepo.LineFilter) {
  if (!runId) return;
  for (let after = 0; ; ) {
    const rows = await readRepo.pageLines(deps.db, runId, filter, after, PAGE);
    if (rows.length === 0) return;
    yield rows.map(reconRow);
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = last.line_no;
  }
}

/** Every line of the latest completed reconciliation (or of one class), in line order. */
export async function exportReconciliationCsv(
  deps: AppDeps,
  options: { class?: TReconClass | undefined; bom: boolean },
): Promise<CsvExport> {
  const run = await reconRepo.findLatestCompletedRun(deps.db);
  return {
    filename: `reconciliation-${stamp(deps)}${options.class ? `-${options.class}` : ''}.csv`,
    stream: csvStream({
      header: RECONCILIATION_CSV_HEADER,
      bom: options.bom,
      pages: linePages(deps, run?.id ?? null, { class: options.class }),
    }),
  };
}

/** A payout's transactions, each with its class and the invoice it is traced to. */
export async function exportPayoutCsv(deps: AppDeps, payoutId: string, bom: boolean): Promise<CsvExport> {
  const run = await reconRepo.findLatestCompletedRun(deps.db);
  if (!(await readRepo.findPayoutWithCheck(deps.db, run?.id ?? null, payoutId))) {
    throw notFound('No such payout.');
  }
  async function* pages() {
    if (!run) return;
    for (let after: readRepo.PayoutPosition | null = null; ; ) {
      const page = await readRepo.pagePayoutLines(deps.db, run.id, payoutId, after, PAGE);
      if (page.lines.length > 0) yield page.lines.map(reconRow);
      if (!page.next) return;
      after = page.next;
    }
  }
  return {
    filename: `payout-${payoutId}.csv`,
    stream: csvStream({ header: RECONCILIATION_CSV_HEADER, bom, pages: pages() }),
  };
}

export const MONTH_END_CSV_HEADER = [
  'Month',
  'Currency',
  'Gross',
  'Fees',
  'Refunds',
  'Disputes',
  'Other',
  'Net',
  'Paid out',
  'Transactions',
] as const;

export async function exportMonthEndCsv(
  deps: AppDeps,
  query: TMonthEndQuery,
  bom: boolean,
): Promise<CsvExport> {
  const summary = await getMonthEndSummary(deps, query);
  async function* pages() {
    yield summary.rows.map((r): Cell[] => [
      summary.month,
      r.currency,
      amountCell(r.grossMinor, r.currency),
      amountCell(r.feesMinor, r.currency),
      amountCell(r.refundsMinor, r.currency),
      amountCell(r.disputesMinor, r.currency),
      amountCell(r.otherMinor, r.currency),
      amountCell(r.netMinor, r.currency),
      amountCell(r.paidOutMinor, r.currency),
      r.transactionCount,
    ]);
  }
  return {
    filename: `month-end-${query.month}.csv`,
    stream: csvStream({ header: MONTH_END_CSV_HEADER, bom, pages: pages() }),
  };
}
