// The renewal KPIs as pure functions. A "due item" is one subscription term whose end (term_end, exclusive:
// the first day without service) falls in the period; it was renewed on time (paid before that day), renewed
// late (on it or after, in grace or after expiry), churned (cancelled, or past grace without renewal), or is
// still open. Retention per currency (never summed across currencies) over the decided items:
//   start = annual value of the due term at its start (seats × contracted price per seat per year)
//   end   = annual value of the term it was renewed into (0 when churned)
//   GRR = (Σstart − Σcontraction − Σchurn) / Σstart,  NRR = (Σstart − Σcontraction − Σchurn + Σexpansion) / Σstart
// so upgrades and seat growth (during the term or at renewal) count as expansion. Rates in basis points.

import { addDays, type CalendarDate, daysBetween } from '@portal/shared/dates';
import { divideRoundHalfUp } from '@portal/shared/money';
import type { TKpiMonth, TKpis, TRetention } from '@portal/shared/schemas/finance';

export type DueItem = {
  subscriptionId: string;
  currency: string;
  due: CalendarDate;
  outcome: 'renewed' | 'churned' | 'open';
  renewedOn: CalendarDate | null;
  startArrMinor: number;
  endArrMinor: number;
  termYears: number | null;
  isAutoRenew: boolean;
};

export type Contract = {
  planId: string;
  seats: number;
  unitPriceMinor: number;
  termStart: string;
  termEnd: string;
};

export type ContractEvent = {
  subscriptionId: string;
  type: 'renewed' | 'upgraded' | 'seats_added';
  at: string;
  currency: string;
  data: Record<string, unknown>;
  current: { seats: number; unitPriceMinor: number };
};

export type FulfilmentFact = {
  paymentId: string;
  before: Contract;
  after: Contract;
  source: string;
  termYears: number | null;
  paidOn: CalendarDate;
};

export type CurrentTerm = {
  subscriptionId: string;
  currency: string;
  seats: number;
  unitPriceMinor: number;
  termStart: CalendarDate;
  termEnd: CalendarDate;
  isCancelled: boolean;
};

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Seats at the start of a term: before the first seat addition recorded inside it. */
function seatsAtTermStart(
  additions: readonly ContractEvent[],
  termStart: string,
  beforeInstant: string,
  fallback: number,
): number {
  const first = additions.find((e) => e.at.slice(0, 10) >= termStart && e.at < beforeInstant);
  return num(first?.data.from) ?? fallback;
}

/**
 * The due items of a period from the history: renewals and upgrades (priced from their fulfilment when the
 * portal was paid for them, else from the event and the contract as it is now — the demo's history), and
 * current terms ending in the period that were not renewed.
 */
export function buildDueItems(input: {
  from: CalendarDate;
  to: CalendarDate;
  today: CalendarDate;
  graceDays: number;
  timeZoneDate: (iso: string) => CalendarDate;
  events: readonly ContractEvent[];
  fulfilments: ReadonlyMap<string, FulfilmentFact>;
  currentTerms: readonly CurrentTerm[];
}): DueItem[] {
  const items: DueItem[] = [];
  const additionsOf = new Map<string, ContractEvent[]>();
  for (const event of input.events) {
    if (event.type !== 'seats_added') continue;
    const list = additionsOf.get(event.subscriptionId) ?? [];
    list.push(event);
    additionsOf.set(event.subscriptionId, list);
  }
  const inPeriod = (due: string) => due >= input.from && due <= input.to;

  for (const event of input.events) {
    if (event.type === 'seats_added') continue;
    const additions = additionsOf.get(event.subscriptionId) ?? [];
    const paymentId = str(event.data.paymentId);
    const fulfilment = paymentId ? input.fulfilments.get(paymentId) : undefined;
    if (fulfilment) {
      const { before, after } = fulfilment;
      if (!inPeriod(before.termEnd)) continue;
      const startSeats = seatsAtTermStart(additions, before.termStart, event.at, before.seats);
      items.push({
        subscriptionId: event.subscriptionId,
        currency: event.currency,
        due: before.termEnd,
        outcome: 'renewed',
        renewedOn: fulfilment.paidOn,
        startArrMinor: startSeats * before.unitPriceMinor,
        endArrMinor: after.seats * after.unitPriceMinor,
        termYears: fulfilment.termYears ?? num(event.data.termYears),
        isAutoRenew: fulfilment.source === 'auto_renew',
      });
      continue;
    }
    // A renewal recorded without a payment here (history before online payment): it continued the term
    // without a gap, so the term it renewed ended when the new one started.
    const due = str(event.data.termStart);
    if (!due || !inPeriod(due)) continue;
    const seats = num(event.data.seats) ?? event.current.seats;
    const arr = seats * event.current.unitPriceMinor;
    items.push({
      subscriptionId: event.subscriptionId,
      currency: event.currency,
      due,
      outcome: 'renewed',
      renewedOn: input.timeZoneDate(event.at),
      startArrMinor: arr,
      endArrMinor: arr,
      termYears: num(event.data.termYears),
      isAutoRenew: false,
    });
  }

  const lastExpiredTermEnd = addDays(input.today, -input.graceDays);
  for (const term of input.currentTerms) {
    if (!inPeriod(term.termEnd)) continue;
    const additions = additionsOf.get(term.subscriptionId) ?? [];
    const startSeats = seatsAtTermStart(additions, term.termStart, '9999', term.seats);
    const isChurned = term.isCancelled || term.termEnd <= lastExpiredTermEnd;
    items.push({
      subscriptionId: term.subscriptionId,
      currency: term.currency,
      due: term.termEnd,
      outcome: isChurned ? 'churned' : 'open',
      renewedOn: null,
      startArrMinor: startSeats * term.unitPriceMinor,
      endArrMinor: 0,
      termYears: null,
      isAutoRenew: false,
    });
  }
  return items.sort((a, b) =>
    a.due < b.due ? -1 : a.due > b.due ? 1 : a.subscriptionId.localeCompare(b.subscriptionId),
  );
}

const rate = (numerator: number, denominator: number) =>
  denominator > 0 ? divideRoundHalfUp(numerator * 10_000, denominator) : null;

function retention(items: readonly DueItem[]): TRetention[] {
  const byCurrency = new Map<string, TRetention>();
  for (const item of items) {
    if (item.outcome === 'open') continue;
    const r = byCurrency.get(item.currency) ?? {
      currency: item.currency,
      startingMinor: 0,
      expansionMinor: 0,
      contractionMinor: 0,
      churnedMinor: 0,
      grossRetentionBp: null,
      netRetentionBp: null,
    };
    r.startingMinor += item.startArrMinor;
    if (item.outcome === 'churned') r.churnedMinor += item.startArrMinor;
    else if (item.endArrMinor >= item.startArrMinor)
      r.expansionMinor += item.endArrMinor - item.startArrMinor;
    else r.contractionMinor += item.startArrMinor - item.endArrMinor;
    byCurrency.set(item.currency, r);
  }
  return [...byCurrency.values()]
    .map((r) => {
      const kept = r.startingMinor - r.contractionMinor - r.churnedMinor;
      return {
        ...r,
        grossRetentionBp: rate(kept, r.startingMinor),
        netRetentionBp: rate(kept + r.expansionMinor, r.startingMinor),
      };
    })
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

function months(items: readonly DueItem[], from: CalendarDate, to: CalendarDate): TKpiMonth[] {
  const out = new Map<string, TKpiMonth>();
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); ) {
    out.set(month, { month, due: 0, renewedOnTime: 0, renewedLate: 0, churned: 0, open: 0 });
    const [year, m] = month.split('-').map(Number) as [number, number];
    month = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  }
  for (const item of items) {
    const bucket = out.get(item.due.slice(0, 7));
    if (!bucket) continue;
    bucket.due += 1;
    if (item.outcome === 'churned') bucket.churned += 1;
    else if (item.outcome === 'open') bucket.open += 1;
    else if (item.renewedOn !== null && item.renewedOn < item.due) bucket.renewedOnTime += 1;
    else bucket.renewedLate += 1;
  }
  return [...out.values()];
}

export function computeKpis(input: {
  from: CalendarDate;
  to: CalendarDate;
  today: CalendarDate;
  items: readonly DueItem[];
  autoRenew: { live: number; enabled: number };
}): TKpis {
  const { items } = input;
  const renewed = items.filter((i) => i.outcome === 'renewed');
  const onTime = renewed.filter((i) => i.renewedOn !== null && i.renewedOn < i.due).length;
  const churned = items.filter((i) => i.outcome === 'churned').length;
  const withTerm = renewed.filter((i) => i.termYears !== null);
  const multiYear = withTerm.filter((i) => (i.termYears ?? 0) >= 2).length;
  const daysBefore = renewed
    .filter((i) => i.renewedOn !== null)
    .map((i) => daysBetween(i.renewedOn as string, i.due));
  return {
    from: input.from,
    to: input.to,
    today: input.today,
    due: items.length,
    renewedOnTime: onTime,
    renewedLate: renewed.length - onTime,
    churned,
    open: items.filter((i) => i.outcome === 'open').length,
    logoRenewalRateBp: rate(renewed.length, renewed.length + churned),
    retention: retention(items),
    autoRenew: {
      adoptionBp: rate(input.autoRenew.enabled, input.autoRenew.live),
      enabled: input.autoRenew.enabled,
      live: input.autoRenew.live,
      renewalsByAutoRenew: renewed.filter((i) => i.isAutoRenew).length,
    },
    multiYear: {
      uptakeBp: rate(multiYear, withTerm.length),
      renewals: withTerm.length,
      multiYearRenewals: multiYear,
    },
    averageDaysBeforeExpiry:
      daysBefore.length > 0
        ? Math.round((daysBefore.reduce((sum, d) => sum + d, 0) / daysBefore.length) * 10) / 10
        : null,
    months: months(items, input.from, input.to),
  };
}
