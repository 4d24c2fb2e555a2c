// Renewal KPIs for a period (the definitions are in kpi-rules.ts): the history and fulfilments around the
// period are loaded, turned into due items, and computed. Renewals happen up to a year before a term ends (an
// upgrade) and up to a few months after (late renewal), so the history read spans that much either side.

import { addDays, calendarDateIn, startOfDayIn } from '@portal/shared/dates';
import type { TKpiQuery, TKpis } from '@portal/shared/schemas/finance';
import { fromJson } from '../../../platform/db/json.ts';
import type { AppDeps } from '../../../platform/http/context.ts';
import {
  buildDueItems,
  type Contract,
  type ContractEvent,
  computeKpis,
  type FulfilmentFact,
} from './kpi-rules.ts';
import * as repo from './kpis-repo.ts';

/** Contract changes for a term due in the period are recorded between these many days before and after it. */
const LOOK_BEFORE_DAYS = 3 * 366 + 1;
const LOOK_AFTER_DAYS = 366;

export async function getKpis(deps: AppDeps, query: TKpiQuery): Promise<TKpis> {
  const tz = deps.config.timeZone;
  const today = deps.clock.today();
  const fromIso = startOfDayIn(addDays(query.from, -LOOK_BEFORE_DAYS), tz).toISOString();
  const toIso = startOfDayIn(addDays(query.to, LOOK_AFTER_DAYS), tz).toISOString();
  const [eventRows, fulfilmentRows, currentRows, autoRenew] = await Promise.all([
    repo.listContractEvents(deps.db, fromIso, toIso),
    repo.listFulfilments(deps.db, fromIso, toIso),
    repo.listSubscriptionsEndingBetween(deps.db, query.from, query.to),
    repo.countLiveSubscriptions(deps.db, addDays(today, 1 - deps.config.graceDays)),
  ]);
  const events: ContractEvent[] = eventRows.map((e) => ({
    subscriptionId: e.subscription_id,
    type: e.type as ContractEvent['type'],
    at: e.at,
    currency: e.currency,
    data: fromJson<Record<string, unknown>>(e.data, {}),
    current: { seats: e.current_seats, unitPriceMinor: e.current_unit_price_minor },
  }));
  const fulfilments = new Map<string, FulfilmentFact>();
  for (const f of fulfilmentRows) {
    if (f.kind !== 'renew' && f.kind !== 'upgrade') continue;
    fulfilments.set(f.payment_id, {
      paymentId: f.payment_id,
      before: fromJson<Contract>(f.before_json, {} as Contract),
      after: fromJson<Contract>(f.after_json, {} as Contract),
      source: f.source,
      termYears: f.term_years,
      paidOn: calendarDateIn(new Date(f.paid_at ?? fromIso), tz),
    });
  }
  const items = buildDueItems({
    from: query.from,
    to: query.to,
    today,
    graceDays: deps.config.graceDays,
    timeZoneDate: (iso) => calendarDateIn(new Date(iso), tz),
    events,
    fulfilments,
    currentTerms: currentRows.map((s) => ({
      subscriptionId: s.id,
      currency: s.currency,
      seats: s.seats,
      unitPriceMinor: s.unit_price_minor,
      termStart: s.term_start,
      termEnd: s.term_end,
      isCancelled: s.cancelled_at !== null,
    })),
  });
  return computeKpis({ from: query.from, to: query.to, today, items, autoRenew });
}
