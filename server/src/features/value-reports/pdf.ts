// The value report as an A4 PDF made on the server (replacing the browser's print view): the headline
// figures, the highlights as sentences, the monthly charts drawn as vector graphics (active users against
// seats, automations, support tickets, module adoption), every metric's total with its change, and the ROI
// estimate with its assumptions — in English or Simplified Chinese, on the shared document layout.

import { addDays } from '@portal/shared/dates';
import { formatMoney } from '@portal/shared/money';
import type { THighlight, TValueReport, TValueReportTerm } from '@portal/shared/schemas/value-reports';
import { asDocumentLocale, type DocumentLocale } from '../../platform/documents/locale.ts';
import {
  createLayout,
  drawNote,
  drawTable,
  formatDocumentDate,
  type Layout,
  LEFT,
  MUTED,
  RIGHT,
  RULE,
  WIDTH,
} from '../../platform/documents/pdf-layout.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { drawChart, drawPercentBars } from './pdf-charts.ts';
import { REPORT_WORDS, type ReportWords } from './pdf-wording.ts';
import { getValueReport } from './report.ts';

const COLORS = { primary: '#4338ca', secondary: '#0f766e', tertiary: '#b54708', muted: '#8792a2' };

type Figures = {
  locale: DocumentLocale;
  number: (value: number, digits?: number) => string;
  money: (value: { amountMinor: number; currency: string }) => string;
  date: (value: string) => string;
  month: (month: string) => string;
  list: (items: string[]) => string;
};

function figures(locale: DocumentLocale): Figures {
  return {
    locale,
    number: (value, digits = 0) =>
      new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    money: (value) => formatMoney(value, locale),
    date: (value) => formatDocumentDate(value, locale),
    month: (month) =>
      new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${month}-01T00:00:00Z`),
      ),
    list: (items) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(items),
  };
}

function highlightText(h: THighlight, w: ReportWords, f: Figures): string {
  const v = h.values;
  const num = (key: string): number | null => (typeof v[key] === 'number' ? (v[key] as number) : null);
  const n = (key: string, digits = 0) => f.number(num(key) ?? 0, digits);
  const change = num('changePct');
  const pct = change === null || change === 0 ? null : f.number(Math.abs(change));
  const direction = change === null ? 0 : (Math.sign(change) as 1 | -1 | 0);
  const s = w.highlights;
  switch (h.kind) {
    case 'automations': {
      const hours = num('hoursSaved');
      const first = s.automations(n('count'), pct, direction);
      return hours ? `${first} ${s.automationsHours(f.number(hours))}` : first;
    }
    case 'seat_utilisation': {
      const first = s.seatUtilisation(n('averageUsers'), n('seats'), n('averagePct'), n('peakUsers'));
      const previous = num('previousAveragePct');
      return previous === null ? first : `${first} ${s.seatUtilisationCompare(f.number(previous))}`;
    }
    case 'roi':
      return s.roi(
        f.money({ amountMinor: num('valueMinor') ?? 0, currency: String(v.currency) }),
        n('ratio', 2),
      );
    case 'module_adoption': {
      const first = s.moduleAdoption(n('adopted'), n('total'));
      const modules = Array.isArray(v.modules) ? v.modules : [];
      return modules.length
        ? `${first} ${s.moduleAdoptionList(f.list(modules.map((m) => w.modules[m] ?? m)))}`
        : first;
    }
    case 'support': {
      const hours = num('medianHours');
      const first = s.support(n('resolved'));
      return hours === null ? first : `${first} ${s.supportHours(f.number(hours, 1))}`;
    }
    case 'records':
      return s.records(n('count'), pct, direction);
    default: {
      const unreachable: never = h.kind;
      return unreachable;
    }
  }
}

function drawTitle(layout: Layout, report: TValueReport, w: ReportWords, f: Figures): void {
  const { write } = layout;
  const { period } = report;
  const last = (end: string) => f.date(addDays(end, -1));
  let y = write(w.title, LEFT, layout.y, { size: 22, weight: 700 });
  y = write(report.subscription.label, LEFT, y + 2, { size: 13, weight: 700, width: WIDTH });
  y = write(w.plan(report.subscription.planName, f.number(report.subscription.seats)), LEFT, y + 2, {
    color: MUTED,
  });
  const span = period.isComplete
    ? w.period(f.date(period.start), last(period.end))
    : w.periodInProgress(
        f.date(period.start),
        last(period.end),
        last(period.coveredUntil),
        period.daysCovered,
        period.daysTotal,
      );
  y = write(span, LEFT, y + 1, { color: MUTED, width: WIDTH });
  layout.y = y + 12;
  layout.rule(layout.y);
  layout.y += 12;
}

function drawHeadline(layout: Layout, report: TValueReport, w: ReportWords, f: Figures): void {
  const items: { label: string; value: string }[] = [];
  const seats = report.seatUtilisation;
  if (seats.averagePct !== null)
    items.push({ label: w.headline.seatUtilisation, value: `${f.number(seats.averagePct, 1)} %` });
  const automations = report.totals.find((t) => t.metric === 'automations_run');
  if (automations?.value) items.push({ label: w.headline.automations, value: f.number(automations.value) });
  if (report.roi && report.roi.hoursSaved > 0)
    items.push({ label: w.headline.hoursSaved, value: f.number(report.roi.hoursSaved) });
  if (report.modules.length)
    items.push({
      label: w.headline.modules,
      value: w.modulesValue(report.modules.filter((m) => m.isAdopted).length, report.modules.length),
    });
  if (report.roi?.ratio) items.push({ label: w.headline.roi, value: w.ratio(f.number(report.roi.ratio, 2)) });
  if (!items.length) return;
  const gap = 8;
  const boxWidth = (WIDTH - gap * (items.length - 1)) / items.length;
  layout.ensureRoom(60);
  items.forEach((item, index) => {
    const x = LEFT + index * (boxWidth + gap);
    layout.doc.roundedRect(x, layout.y, boxWidth, 50, 4).lineWidth(0.6).strokeColor(RULE).stroke();
    layout.write(item.label, x + 6, layout.y + 6, { size: 7, color: MUTED, width: boxWidth - 12 });
    layout.write(item.value, x + 6, layout.y + 28, { size: 13, weight: 700, width: boxWidth - 12 });
  });
  layout.y += 64;
}

function drawCharts(layout: Layout, report: TValueReport, w: ReportWords, f: Figures): void {
  const months = report.monthly.map((p) => f.month(p.month));
  const metric = (code: string) => report.monthly.map((p) => p.metrics[code] ?? null);
  drawChart(layout, {
    title: w.charts.activeUsers,
    kind: 'bar',
    categories: months,
    series: [
      {
        label: w.charts.average,
        color: COLORS.primary,
        values: report.monthly.map((p) => p.activeUsersAverage),
      },
      { label: w.charts.peak, color: COLORS.secondary, values: report.monthly.map((p) => p.activeUsersPeak) },
    ],
    reference: { label: w.charts.seats, value: report.seatUtilisation.seats, color: COLORS.tertiary },
    format: (v) => f.number(v),
  });
  if (metric('automations_run').some((v) => v !== null)) {
    drawChart(layout, {
      title: w.charts.automations,
      kind: 'line',
      categories: months,
      series: [
        { label: w.metrics.automations_run ?? '', color: COLORS.primary, values: metric('automations_run') },
      ],
      format: (v) => f.number(v),
    });
  }
  if ([...metric('tickets_opened'), ...metric('tickets_resolved')].some((v) => v !== null)) {
    drawChart(layout, {
      title: w.charts.tickets,
      kind: 'line',
      categories: months,
      series: [
        { label: w.charts.opened, color: COLORS.tertiary, values: metric('tickets_opened') },
        { label: w.charts.resolved, color: COLORS.secondary, values: metric('tickets_resolved') },
      ],
      format: (v) => f.number(v),
    });
  }
  if (report.modules.length) {
    drawPercentBars(layout, {
      title: w.charts.modules,
      rows: report.modules.map((m) => ({ label: w.modules[m.module] ?? m.module, pct: m.adoptionPct })),
      color: COLORS.primary,
      format: (pct) => `${f.number(pct, 1)} %`,
    });
  }
}

function drawTotals(layout: Layout, report: TValueReport, w: ReportWords, f: Figures): void {
  const show = (value: number | null) => (value === null ? w.change.na : f.number(value, 2));
  const change = (pct: number | null) =>
    pct === null
      ? w.change.na
      : pct === 0
        ? w.change.none
        : `${pct > 0 ? '+' : '−'}${f.number(Math.abs(pct))} %`;
  layout.ensureRoom(60);
  layout.y = layout.write(w.totalsTitle, LEFT, layout.y, { size: 10, weight: 700 }) + 8;
  drawTable(layout, {
    columns: [
      { label: w.totals.metric, width: 215 },
      { label: w.totals.value, width: 90, align: 'right' },
      { label: w.totals.previous, width: 110, align: 'right' },
      { label: w.totals.change, width: RIGHT - LEFT - 415, align: 'right' },
    ],
    rows: report.totals.map((t) => [
      `${w.metrics[t.metric] ?? t.name} (${w.aggregation[t.aggregation]})`,
      show(t.value),
      show(t.previousValue),
      change(t.changePct),
    ]),
  });
}

function drawRoi(layout: Layout, report: TValueReport, w: ReportWords, f: Figures): void {
  const roi = report.roi;
  if (!roi) return;
  layout.ensureRoom(200 + roi.assumptions.perMetric.length * 14);
  drawNote(layout, {
    title: w.roiTitle,
    paragraphs: [
      `${w.roi.estimatedValue}: ${f.money(roi.estimatedValue)}`,
      `${w.roi.priceForPeriod}: ${f.money(roi.pricePaidForPeriod)}`,
      `${w.roi.pricePaid}: ${f.money(roi.pricePaid)}`,
      `${w.roi.ratio}: ${roi.ratio === null ? w.change.na : w.ratio(f.number(roi.ratio, 2))}`,
      `${w.roi.hoursSaved}: ${f.number(roi.hoursSaved, 1)}`,
    ],
    boxed: true,
  });
  drawNote(layout, {
    title: w.roi.assumptions,
    paragraphs: [
      w.roi.hourlyCost(f.money(roi.assumptions.hourlyCost)),
      ...roi.assumptions.perMetric.map((m) =>
        w.roi.perMetric(f.number(m.units), w.metrics[m.metric] ?? m.name, f.number(m.minutesPerUnit, 1)),
      ),
      roi.assumptions.priceBasis === 'contract' ? w.roi.basisContract : w.roi.basisCurrent,
    ],
  });
}

/** Renders the report in the reader's language; resolves with the PDF's bytes. */
export function renderValueReportPdf(
  report: TValueReport,
  locale: DocumentLocale,
  madeOn: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const w = REPORT_WORDS[locale];
  const f = figures(locale);
  const layout = createLayout({
    title: w.subject(report.subscription.label),
    author: report.subscription.label,
    subject: w.subject(report.subscription.label),
    lang: locale,
  });
  drawTitle(layout, report, w, f);
  if (!report.hasData) {
    drawNote(layout, { title: w.title, paragraphs: [w.noData] });
  } else {
    drawHeadline(layout, report, w, f);
    const last = (end: string) => f.date(addDays(end, -1));
    drawNote(layout, {
      title: w.highlightsTitle,
      paragraphs: [
        ...report.highlights.map((h) => `• ${highlightText(h, w, f)}`),
        report.comparisonPeriod
          ? w.comparedWith(
              report.period.daysCovered,
              f.date(report.comparisonPeriod.start),
              last(report.comparisonPeriod.end),
            )
          : w.noComparison,
      ],
    });
    drawCharts(layout, report, w, f);
    drawTotals(layout, report, w, f);
    drawRoi(layout, report, w, f);
  }
  layout.ensureRoom(20);
  layout.write(w.generated(f.date(madeOn)), LEFT, layout.y + 4, { size: 8, color: MUTED, width: WIDTH });
  return layout.finish();
}

/** The account's report (404 for another account's subscription) as a PDF named after the subscription. */
export async function getValueReportPdf(
  deps: AppDeps,
  accountId: string,
  subscriptionId: string,
  term: TValueReportTerm,
  locale: string,
): Promise<{ filename: string; bytes: Uint8Array<ArrayBuffer> }> {
  const report = await getValueReport(deps, accountId, subscriptionId, term);
  const bytes = await renderValueReportPdf(report, asDocumentLocale(locale), deps.clock.today());
  const slug =
    report.subscription.label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || subscriptionId;
  return { filename: `value-report-${slug}-${report.period.start}.pdf`, bytes };
}
