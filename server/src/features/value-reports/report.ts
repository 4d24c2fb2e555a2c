// The value report of one subscription's term: seat utilisation, adoption of the plan's core modules,
// monthly trends, outcome totals with their change against the same span of the term before, an ROI
// estimate with its assumptions, and highlights. Every figure comes from grouped SQL aggregates (one row per
// metric and month); nothing here reads daily rows.

import { addDays, addYears, type CalendarDate, daysBetween } from '@portal/shared/dates';
import { divideRoundHalfUp } from '@portal/shared/money';
import type { TSubscriptionEvent } from '@portal/shared/schemas/subscriptions';
import type {
  TMetric,
  TMetricTotal,
  TModuleAdoption,
  TMonthlyPoint,
  TRoiEstimate,
  TValueReport,
  TValueReportTerm,
} from '@portal/shared/schemas/value-reports';
import { moduleMetricCode } from '@portal/shared/schemas/value-reports';
import { fromJson } from '../../platform/db/json.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { getSubscription } from '../subscriptions/service.ts';
import { getValueSettings, listMetrics } from './catalog.ts';
import { pickHighlights } from './highlights.ts';
import { cachedFigures } from './monthly-cache.ts';
import * as repo from './repo.ts';

/** A module counts as adopted when its average daily users reach this share of the average active users. */
export const ADOPTED_MODULE_PCT = 10;

type Range = { start: CalendarDate; end: CalendarDate };

/** One metric over a month or a whole range: days reported, sum, maximum, value on the last day reported. */
type Figures = { days: number; sum: number; max: number; last: number | null };
/** metric → month → figures. */
type Monthly = Map<string, Map<string, Figures>>;
/** metric → figures of the whole range. */
type Folded = Map<string, Figures>;

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The report of the current term, or with `term: 'previous'` of the term before it. 404 when the
 * subscription is not the account's, or when it has no earlier term.
 */
export async function getValueReport(
  deps: AppDeps,
  accountId: string,
  subscriptionId: string,
  term: TValueReportTerm,
): Promise<TValueReport> {
  const subscription = await getSubscription(deps, accountId, subscriptionId);
  const today = deps.clock.today();
  const termBefore = (start: CalendarDate) =>
    findTermBefore(deps, subscriptionId, subscription.history, start);

  let range: Range = { start: subscription.termStart, end: subscription.termEnd };
  const previousStart = await termBefore(subscription.termStart);
  if (term === 'previous') {
    if (!previousStart) throw notFound('This subscription has no earlier term.');
    range = { start: previousStart, end: subscription.termStart };
  }
  const daysTotal = daysBetween(range.start, range.end);
  const coveredUntil = minDate(range.end, maxDate(range.start, addDays(today, 1)));
  const daysCovered = daysBetween(range.start, coveredUntil);
  const covered = { start: range.start, end: coveredUntil };

  // Like for like: the same number of days from the start of the term before.
  const comparisonStart = term === 'previous' ? await termBefore(range.start) : previousStart;
  const comparison = comparisonStart
    ? { start: comparisonStart, end: minDate(addDays(comparisonStart, daysCovered), range.start) }
    : null;

  const [metrics, coreModulesJson, settings] = await Promise.all([
    listMetrics(deps),
    repo.findPlanCoreModules(deps.db, subscription.plan.id),
    getValueSettings(deps),
  ]);
  // Read before the figures: figures kept under this stamp are at least as new as it (monthly-cache.ts).
  const stamp = await repo.findUsageStamp(deps.db, subscriptionId);
  const current = await loadMonthly(deps, subscriptionId, metrics, covered, stamp);
  const before = comparison ? await loadMonthly(deps, subscriptionId, metrics, comparison, stamp) : new Map();
  const now = fold(current);
  const then = fold(before);

  const totals = metricTotals(metrics, now, then);
  const activeNow = now.get('active_users');
  const activeThen = then.get('active_users');
  const averageActive = activeNow?.days ? activeNow.sum / activeNow.days : null;
  const seats = subscription.seats;
  const pct = (users: number | null) => (users === null || seats <= 0 ? null : round1((users / seats) * 100));
  const seatUtilisation = {
    seats,
    averageActiveUsers: averageActive === null ? null : round1(averageActive),
    peakActiveUsers: activeNow?.days ? activeNow.max : null,
    averagePct: pct(averageActive),
    peakPct: pct(activeNow?.days ? activeNow.max : null),
    previousAveragePct: pct(activeThen?.days ? activeThen.sum / activeThen.days : null),
  };

  const coreModules = fromJson<string[]>(coreModulesJson, []);
  const modules = coreModules.map((module): TModuleAdoption => {
    const metric = metrics.find((m) => m.module === module)?.code ?? moduleMetricCode(module);
    const figures = now.get(metric);
    const averageUsers = figures?.days ? figures.sum / figures.days : null;
    const adoptionPct =
      averageUsers === null || !averageActive ? null : round1((averageUsers / averageActive) * 100);
    return {
      module,
      metric,
      averageUsers: averageUsers === null ? null : round1(averageUsers),
      adoptionPct,
      isAdopted: adoptionPct !== null && adoptionPct >= ADOPTED_MODULE_PCT,
    };
  });

  const hourlyCost = settings.hourlyCostMinor[subscription.currency];
  const roi =
    hourlyCost === undefined
      ? null
      : estimateRoi({
          metrics,
          now,
          hourlyCostMinor: hourlyCost,
          currency: subscription.currency,
          annualPriceMinor: subscription.annualValue.amountMinor,
          daysTotal,
          daysCovered,
          priceBasis: term === 'current' ? 'contract' : 'current_contract',
        });

  return {
    subscription: {
      id: subscription.id,
      label: subscription.label,
      planName: subscription.plan.name,
      seats,
      currency: subscription.currency,
    },
    term,
    period: {
      start: range.start,
      end: range.end,
      coveredUntil,
      daysCovered,
      daysTotal,
      isComplete: coveredUntil === range.end,
    },
    comparisonPeriod: comparison,
    hasPreviousTerm: previousStart !== null,
    hasData: now.size > 0,
    seatUtilisation,
    modules,
    totals,
    monthly: monthlySeries(metrics, current, covered),
    roi,
    highlights: pickHighlights({ totals, seatUtilisation, modules, roi }),
  };
}

/**
 * Where the term before the one starting at `start` began: the latest start recorded by a 'created' or
 * 'renewed' history event before `start`; without such events, one year earlier if usage was recorded
 * before `start`; otherwise there is none.
 */
async function findTermBefore(
  deps: AppDeps,
  subscriptionId: string,
  history: readonly TSubscriptionEvent[],
  start: CalendarDate,
): Promise<CalendarDate | null> {
  let best: CalendarDate | null = null;
  let hasTermEvents = false;
  for (const event of history) {
    if (event.type !== 'created' && event.type !== 'renewed') continue;
    const termStart = event.data.termStart;
    if (typeof termStart !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(termStart)) continue;
    hasTermEvents = true;
    if (termStart < start && (best === null || termStart > best)) best = termStart;
  }
  if (best || hasTermEvents) return best;
  return (await repo.hasUsageBefore(deps.db, subscriptionId, start)) ? addYears(start, -1) : null;
}

/** The figures per metric and month of the range, kept in memory under the subscription's usage stamp. */
async function loadMonthly(
  deps: AppDeps,
  subscriptionId: string,
  metrics: readonly TMetric[],
  range: Range,
  stamp: string | null,
): Promise<Monthly> {
  if (range.start >= range.end) return new Map();
  const codes = metrics.map((m) => m.code);
  const lastMetrics = metrics.filter((m) => m.aggregation === 'last').map((m) => m.code);
  const key = [subscriptionId, range.start, range.end, codes.join(','), lastMetrics.join(',')].join('\u0000');
  return cachedFigures(deps.db, key, stamp, () =>
    readMonthly(deps, subscriptionId, codes, lastMetrics, range),
  );
}

/** Whole months from usage_monthly, the partial months at the edges from usage_daily. */
async function readMonthly(
  deps: AppDeps,
  subscriptionId: string,
  codes: readonly string[],
  lastMetrics: readonly string[],
  range: Range,
): Promise<Monthly> {
  const monthly: Monthly = new Map();
  const known = new Set(codes);
  const isLast = new Set(lastMetrics);
  const { months, edges } = repo.splitByWholeMonths(range.start, range.end);
  const cellOf = (metric: string, month: string): Figures => {
    const byMonth = monthly.get(metric) ?? new Map<string, Figures>();
    monthly.set(metric, byMonth);
    const cell = byMonth.get(month) ?? { days: 0, sum: 0, max: 0, last: null };
    byMonth.set(month, cell);
    return cell;
  };
  if (months) {
    for (const r of await repo.monthlyRows(deps.db, subscriptionId, months.first, months.last)) {
      if (!known.has(r.metric)) continue;
      const last = isLast.has(r.metric) ? r.lastValue : null;
      Object.assign(cellOf(r.metric, r.month), { days: r.days, sum: r.sum, max: r.max, last });
    }
  }
  for (const edge of edges) {
    const [aggregates, lasts] = await Promise.all([
      repo.dailyMonthlyAggregates(deps.db, subscriptionId, codes, edge.start, edge.end),
      repo.dailyLastValues(deps.db, subscriptionId, edge.start, edge.end, lastMetrics),
    ]);
    for (const a of aggregates) {
      Object.assign(cellOf(a.metric, a.month), { days: a.days, sum: a.sum, max: a.max });
    }
    for (const l of lasts) {
      const cell = monthly.get(l.metric)?.get(l.month);
      if (cell) cell.last = l.value;
    }
  }
  return monthly;
}

function fold(monthly: Monthly): Folded {
  const folded: Folded = new Map();
  for (const [metric, byMonth] of monthly) {
    let days = 0;
    let sum = 0;
    let max = Number.NEGATIVE_INFINITY;
    let last: number | null = null;
    let lastMonth = '';
    for (const [month, cell] of byMonth) {
      days += cell.days;
      sum += cell.sum;
      max = Math.max(max, cell.max);
      if (cell.last !== null && month > lastMonth) {
        last = cell.last;
        lastMonth = month;
      }
    }
    if (days > 0) folded.set(metric, { days, sum, max, last });
  }
  return folded;
}

function aggregateValue(metric: TMetric, figures: Figures | undefined): number | null {
  if (!figures?.days) return null;
  switch (metric.aggregation) {
    case 'sum':
      return figures.sum;
    case 'average':
      return figures.sum / figures.days;
    case 'peak':
      return figures.max;
    case 'last':
      return figures.last;
    default: {
      const unreachable: never = metric.aggregation;
      return unreachable;
    }
  }
}

function metricTotals(metrics: readonly TMetric[], now: Folded, then: Folded): TMetricTotal[] {
  const out: TMetricTotal[] = [];
  for (const metric of metrics) {
    const value = aggregateValue(metric, now.get(metric.code));
    const previousValue = aggregateValue(metric, then.get(metric.code));
    if (value === null && previousValue === null) continue;
    out.push({
      metric: metric.code,
      name: metric.name,
      unit: metric.unit,
      aggregation: metric.aggregation,
      value: value === null ? null : roundFigure(value),
      previousValue: previousValue === null ? null : roundFigure(previousValue),
      changePct:
        value !== null && previousValue ? Math.round(((value - previousValue) / previousValue) * 100) : null,
    });
  }
  return out;
}

/** Whole numbers stay whole; averages keep two decimals. */
function roundFigure(value: number): number {
  return Number.isInteger(value) ? value : Math.round(value * 100) / 100;
}

function monthlySeries(metrics: readonly TMetric[], monthly: Monthly, range: Range): TMonthlyPoint[] {
  const points: TMonthlyPoint[] = [];
  if (range.start >= range.end) return points;
  const lastMonth = addDays(range.end, -1).slice(0, 7);
  for (let month = range.start.slice(0, 7); month <= lastMonth; month = nextMonth(month)) {
    const point: TMonthlyPoint = {
      month,
      days: 0,
      activeUsersAverage: null,
      activeUsersPeak: null,
      metrics: {},
    };
    for (const metric of metrics) {
      const cell = monthly.get(metric.code)?.get(month);
      if (!cell) continue;
      point.days = Math.max(point.days, cell.days);
      const value = aggregateValue(metric, cell);
      if (value !== null) point.metrics[metric.code] = roundFigure(value);
      if (metric.code === 'active_users') {
        point.activeUsersAverage = round1(cell.sum / cell.days);
        point.activeUsersPeak = cell.max;
      }
    }
    points.push(point);
  }
  return points;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function estimateRoi(input: {
  metrics: readonly TMetric[];
  now: Folded;
  hourlyCostMinor: number;
  currency: string;
  annualPriceMinor: number;
  daysTotal: number;
  daysCovered: number;
  priceBasis: TRoiEstimate['assumptions']['priceBasis'];
}): TRoiEstimate {
  const perMetric = input.metrics
    .filter((m) => m.aggregation === 'sum' && m.valuePerUnitMinutes)
    .map((m) => ({
      metric: m.code,
      name: m.name,
      minutesPerUnit: m.valuePerUnitMinutes ?? 0,
      units: input.now.get(m.code)?.sum ?? 0,
    }));
  const minutes = perMetric.reduce((sum, m) => sum + m.units * m.minutesPerUnit, 0);
  const hoursSaved = minutes / 60;
  const estimatedMinor = Math.round(hoursSaved * input.hourlyCostMinor);
  const years = Math.max(1, Math.round(input.daysTotal / 365));
  const pricePaidMinor = input.annualPriceMinor * years;
  const pricePaidForPeriodMinor =
    input.daysTotal > 0
      ? divideRoundHalfUp(pricePaidMinor * Math.min(input.daysCovered, input.daysTotal), input.daysTotal)
      : 0;
  return {
    estimatedValue: { amountMinor: estimatedMinor, currency: input.currency },
    pricePaid: { amountMinor: pricePaidMinor, currency: input.currency },
    pricePaidForPeriod: { amountMinor: pricePaidForPeriodMinor, currency: input.currency },
    ratio:
      pricePaidForPeriodMinor > 0 ? Math.round((estimatedMinor / pricePaidForPeriodMinor) * 100) / 100 : null,
    hoursSaved: round1(hoursSaved),
    assumptions: {
      hourlyCost: { amountMinor: input.hourlyCostMinor, currency: input.currency },
      perMetric,
      priceBasis: input.priceBasis,
    },
  };
}

const minDate = (a: CalendarDate, b: CalendarDate) => (a < b ? a : b);
const maxDate = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);
