// The renewal pipeline for ops: what ends in the next 30/60/90 days and what is in grace, with annual value,
// health and risk, auto-renew, and the last notice sent. Filtered and sorted here; exported as CSV.

import { CSV_BOM, toCsv } from '@portal/shared/csv';
import { addDays } from '@portal/shared/dates';
import { formatMinorAsDecimal } from '@portal/shared/money';
import type {
  TPipeline,
  TPipelineQuery,
  TPipelineRow,
  TRiskReason,
} from '@portal/shared/schemas/value-reports';
import { ZPipelineQuery } from '@portal/shared/schemas/value-reports';
import { deriveSubscriptionStatus } from '@portal/shared/status';
import type { AppDeps } from '../../platform/http/context.ts';
import { lastNoticesSentAt, standingLapses } from '../auto-renew/service.ts';
import { churnSignals } from '../retention/service.ts';
import { listSubscriptionContexts } from '../subscriptions/service.ts';
import { getHealthOf } from '../value-reports/service.ts';

type Window = NonNullable<TPipelineQuery['window']>;

/** term_end range (inclusive) of each window: daysLeft = term_end − today; grace is daysLeft in (−grace, 0]. */
function termEndRange(window: Window, today: string, graceDays: number) {
  const graceStart = addDays(today, 1 - graceDays);
  switch (window) {
    case '30':
    case '60':
    case '90':
      return { firstTermEnd: addDays(today, 1), lastTermEnd: addDays(today, Number(window)) };
    case 'grace':
      return { firstTermEnd: graceStart, lastTermEnd: today };
    case 'all':
      return { firstTermEnd: graceStart, lastTermEnd: addDays(today, 90) };
    default: {
      const unreachable: never = window;
      return unreachable;
    }
  }
}

/** The pipeline for a window, searched by `q` (account, subscription label or id), filtered and sorted. */
export async function listPipeline(deps: AppDeps, input: TPipelineQuery): Promise<TPipeline> {
  const query = ZPipelineQuery.parse(input);
  const today = deps.clock.today();
  const range = termEndRange(query.window, today, deps.config.graceDays);
  const rows = await listSubscriptionContexts(deps.db, { ...range, search: query.q || undefined });
  const lastNotices = await lastNoticesSentAt(
    deps.db,
    rows.map((r) => r.id),
  );
  const health = await getHealthOf(
    deps,
    rows.map((r) => ({ id: r.id, accountId: r.account_id, seats: r.seats })),
  );
  const signals = await churnSignals(
    deps.db,
    rows.map((r) => r.id),
    today,
  );
  const lapsed = await standingLapses(deps.db, rows);
  let out: TPipelineRow[] = rows.map((r) => {
    const derived = deriveSubscriptionStatus({
      termEnd: r.term_end,
      cancelledAt: r.cancelled_at,
      today,
      graceDays: deps.config.graceDays,
    });
    const computed = health.get(r.id);
    if (!computed) throw new Error(`no health computed for ${r.id}`);
    // A reason given for leaving, or a renewal let lapse, is a risk whatever the usage says.
    const told: TRiskReason[] = [
      ...(signals.has(r.id) ? (['churn_feedback'] as const) : []),
      ...(lapsed.has(`${r.id}:${r.term_end}`) ? (['renewal_declined'] as const) : []),
    ];
    const subscriptionHealth = told.length
      ? { ...computed, isAtRisk: true, riskReasons: [...computed.riskReasons, ...told] }
      : computed;
    return {
      accountId: r.account_id,
      accountName: r.account_name,
      subscriptionId: r.id,
      subscriptionLabel: r.label,
      planName: r.plan_name,
      termEnd: r.term_end,
      lastDay: addDays(r.term_end, -1),
      daysLeft: derived.daysLeft,
      status: derived.status,
      annualValue: { amountMinor: r.unit_price_minor * r.seats, currency: r.currency },
      health: subscriptionHealth,
      autoRenew: r.auto_renew_enabled === 1,
      lastNoticeSentAt: lastNotices.get(r.id) ?? null,
    };
  });
  if (query.risk === 'at_risk') out = out.filter((r) => r.health.isAtRisk);
  out.sort(comparator(query.sort));
  return { today, rows: out };
}

function comparator(sort: NonNullable<TPipelineQuery['sort']>) {
  const direction = sort.startsWith('-') ? -1 : 1;
  const key = sort.replace(/^-/, '');
  const byKey = (a: TPipelineRow, b: TPipelineRow): number => {
    switch (key) {
      case 'health':
        return a.health.score - b.health.score;
      case 'annualValue':
        // Amounts in different currencies do not compare: group by currency, then by amount.
        return (
          a.annualValue.currency.localeCompare(b.annualValue.currency) ||
          a.annualValue.amountMinor - b.annualValue.amountMinor
        );
      case 'account':
        return a.accountName.localeCompare(b.accountName);
      default:
        return a.termEnd < b.termEnd ? -1 : a.termEnd > b.termEnd ? 1 : 0;
    }
  };
  return (a: TPipelineRow, b: TPipelineRow) =>
    direction * byKey(a, b) ||
    (a.termEnd < b.termEnd ? -1 : a.termEnd > b.termEnd ? 1 : 0) ||
    a.subscriptionId.localeCompare(b.subscriptionId);
}

export const PIPELINE_CSV_HEADER = [
  'Account',
  'Subscription',
  'Subscription ID',
  'Plan',
  'Term end',
  'Last day of service',
  'Days left',
  'Status',
  'Annual value',
  'Currency',
  'Health',
  'At risk',
  'Risk reasons',
  'Auto-renew',
  'Last notice sent',
] as const;

/** The same rows as `listPipeline`, as an RFC 4180 document (UTF-8 with a byte-order mark). */
export async function exportPipelineCsv(
  deps: AppDeps,
  input: TPipelineQuery,
): Promise<{ filename: string; csv: string }> {
  const pipeline = await listPipeline(deps, input);
  const csv = toCsv(
    PIPELINE_CSV_HEADER,
    pipeline.rows.map((r) => [
      r.accountName,
      r.subscriptionLabel,
      r.subscriptionId,
      r.planName,
      r.termEnd,
      r.lastDay,
      r.daysLeft,
      r.status,
      formatMinorAsDecimal(r.annualValue.amountMinor, r.annualValue.currency),
      r.annualValue.currency,
      r.health.score,
      r.health.isAtRisk,
      r.health.riskReasons.join('; '),
      r.autoRenew,
      r.lastNoticeSentAt,
    ]),
  );
  return { filename: `renewal-pipeline-${pipeline.today}.csv`, csv: CSV_BOM + csv };
}
