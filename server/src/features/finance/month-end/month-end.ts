// The month-end summary by currency from Stripe's own ledger (the synced balance transactions of the vendor's
// calendar month): gross card payments, Stripe's fees, refunds, disputes, anything else, the net, and what was
// paid out. gross − fees + refunds + disputes + other = net, exactly, in minor units.

import { addDays, addMonths, startOfDayIn } from '@portal/shared/dates';
import type { TMonthEndQuery, TMonthEndRow, TMonthEndSummary } from '@portal/shared/schemas/finance';
import type { AppDeps } from '../../../platform/http/context.ts';
import { countOpenExceptions, type MonthTotalRow, monthTotals } from './month-end-repo.ts';

const PAYOUT_CATEGORIES = new Set(['payout', 'payout_reversal']);

/** Folds grouped sums into one row per currency (reporting categories as Stripe defines them). */
export function foldMonth(rows: MonthTotalRow[]): TMonthEndRow[] {
  const byCurrency = new Map<string, TMonthEndRow>();
  for (const row of rows) {
    const total = byCurrency.get(row.currency) ?? {
      currency: row.currency,
      grossMinor: 0,
      feesMinor: 0,
      refundsMinor: 0,
      disputesMinor: 0,
      otherMinor: 0,
      netMinor: 0,
      paidOutMinor: 0,
      transactionCount: 0,
    };
    const amount = Number(row.amount_minor ?? 0);
    const fee = Number(row.fee_minor ?? 0);
    const category = row.reporting_category;
    total.transactionCount += Number(row.count);
    if (PAYOUT_CATEGORIES.has(category)) {
      total.paidOutMinor -= amount;
    } else {
      total.feesMinor += fee;
      total.netMinor += Number(row.net_minor ?? 0);
      if (category === 'charge') total.grossMinor += amount;
      else if (category === 'refund' || category === 'refund_failure') total.refundsMinor += amount;
      else if (category === 'dispute' || category === 'dispute_reversal') total.disputesMinor += amount;
      else if (category === 'fee') total.feesMinor -= amount;
      else total.otherMinor += amount;
    }
    byCurrency.set(row.currency, total);
  }
  return [...byCurrency.values()];
}

export async function getMonthEndSummary(deps: AppDeps, query: TMonthEndQuery): Promise<TMonthEndSummary> {
  const from = `${query.month}-01`;
  const next = addMonths(from, 1);
  const tz = deps.config.timeZone;
  const rows = await monthTotals(
    deps.db,
    startOfDayIn(from, tz).toISOString(),
    startOfDayIn(next, tz).toISOString(),
  );
  return {
    month: query.month,
    from,
    to: addDays(next, -1),
    rows: foldMonth(rows),
    openExceptions: await countOpenExceptions(deps.db),
  };
}
