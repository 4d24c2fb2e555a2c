// Reading the latest completed reconciliation: its run (with whether it gave the same answer as the one
// before), its lines by class or payout in line order, the payouts with their check, and one payout's
// breakdown. Runs are made by reconcile-service.ts.

import type {
  TPayout,
  TPayoutDetail,
  TReconClass,
  TReconciliation,
  TReconciliationQuery,
  TReconDetail,
  TReconLine,
  TReconRun,
} from '@portal/shared/schemas/finance';
import { ZReconciliationQuery } from '@portal/shared/schemas/finance';
import { fromJson } from '../../../platform/db/json.ts';
import type { AppDeps } from '../../../platform/http/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import * as readRepo from './recon-read-repo.ts';
import * as repo from './reconcile-repo.ts';

const PAYOUTS_LISTED = 200;
const PAYOUT_LINES_SHOWN = 5_000;

const money = (amountMinor: number | null, currency: string | null) =>
  amountMinor === null || currency === null ? null : { amountMinor, currency };

export function toReconLine(row: readRepo.LineWithNames): TReconLine {
  const currency = row.stripe_currency ?? row.portal_currency ?? '';
  return {
    lineNo: row.line_no,
    class: row.class as TReconClass,
    detail: row.detail as TReconDetail | null,
    subjectType: row.subject_type as TReconLine['subjectType'],
    subjectId: row.subject_id,
    occurredAt: row.occurred_at,
    transaction: row.txn_id
      ? {
          id: row.txn_id,
          type: row.txn_type ?? '',
          amount: { amountMinor: row.stripe_amount_minor ?? 0, currency },
          fee: { amountMinor: row.stripe_fee_minor ?? 0, currency },
          net: { amountMinor: row.stripe_net_minor ?? 0, currency },
          payoutId: row.payout_id,
        }
      : null,
    portal:
      row.payment_id || row.portal_amount_minor !== null
        ? {
            amount: money(row.portal_amount_minor, row.portal_currency),
            fee: money(row.portal_fee_minor, row.portal_currency),
            paymentId: row.payment_id,
            refundId: row.refund_id,
            disputeId: row.dispute_id,
            relatedPaymentId: row.related_payment_id,
          }
        : null,
    account: row.account_id ? { id: row.account_id, name: row.account_name ?? row.account_id } : null,
    invoice: row.invoice_id && row.invoice_number ? { id: row.invoice_id, number: row.invoice_number } : null,
  };
}

function toRun(row: repo.ReconRunRow): TReconRun {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    horizon: row.horizon,
    transactionCount: row.transaction_count,
    counts: fromJson<Record<string, number>>(row.counts_json, {}),
    fingerprint: row.fingerprint,
    isSameAsPrevious: row.previous_fingerprint === null ? null : row.previous_fingerprint === row.fingerprint,
  };
}

/** The latest completed run, or null before the first one. */
export async function getLatestRun(deps: AppDeps): Promise<TReconRun | null> {
  const latest = await repo.findLatestCompletedRun(deps.db);
  return latest ? toRun(latest) : null;
}

export async function getReconciliation(
  deps: AppDeps,
  input: TReconciliationQuery,
): Promise<TReconciliation> {
  const query = ZReconciliationQuery.parse(input);
  const run = await getLatestRun(deps);
  if (!run) return { run: null, lines: [], nextAfter: null };
  const rows = await readRepo.pageLines(
    deps.db,
    run.id,
    { class: query.class },
    query.after ?? 0,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  return {
    run,
    lines: page.map(toReconLine),
    nextAfter: rows.length > query.limit ? (page.at(-1)?.line_no ?? null) : null,
  };
}

export function toPayout(row: readRepo.PayoutWithCheck): TPayout {
  const outcome = row.outcome as TPayout['check'] | null;
  return {
    id: row.id,
    amount: { amountMinor: row.amount_minor, currency: row.currency },
    status: row.status,
    isAutomatic: row.is_automatic === 1,
    createdAt: row.stripe_created_at,
    arrivalAt: row.arrival_at,
    failure: row.failure_code ? { code: row.failure_code, message: row.failure_message } : null,
    check: outcome ?? (row.is_automatic === 1 ? 'pending' : 'not_itemised'),
    transactionsNet: money(row.transactions_net_minor, row.currency),
    transactionCount: row.transaction_count ?? 0,
    untracedCount: row.untraced_count ?? 0,
  };
}

export async function listPayouts(deps: AppDeps): Promise<TPayout[]> {
  const run = await repo.findLatestCompletedRun(deps.db);
  return (await readRepo.listPayoutsWithChecks(deps.db, run?.id ?? null, PAYOUTS_LISTED)).map(toPayout);
}

/** A payout, its check, and every line of its breakdown (each traced to an invoice or flagged). */
export async function getPayoutDetail(deps: AppDeps, payoutId: string): Promise<TPayoutDetail> {
  const run = await repo.findLatestCompletedRun(deps.db);
  const row = await readRepo.findPayoutWithCheck(deps.db, run?.id ?? null, payoutId);
  if (!row) throw notFound('No such payout.');
  const lines: TReconLine[] = [];
  if (run) {
    // The page shows the first few thousand lines; the CSV has them all.
    for (let after: readRepo.PayoutPosition | null = null; lines.length < PAYOUT_LINES_SHOWN; ) {
      const page = await readRepo.pagePayoutLines(deps.db, run.id, payoutId, after, 1_000);
      lines.push(...page.lines.map(toReconLine));
      if (!page.next) break;
      after = page.next;
    }
  }
  return { payout: toPayout(row), lines };
}
