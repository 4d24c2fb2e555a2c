// Three to five plain-language highlights, chosen from what the report found. They travel as a kind plus the
// numbers in it; the web app turns each kind into a sentence in the reader's language.

import type {
  THighlight,
  TMetricTotal,
  TModuleAdoption,
  TRoiEstimate,
  TValueReport,
} from '@portal/shared/schemas/value-reports';

export const MAX_HIGHLIGHTS = 5;

type Facts = {
  totals: readonly TMetricTotal[];
  seatUtilisation: TValueReport['seatUtilisation'];
  modules: readonly TModuleAdoption[];
  roi: TRoiEstimate | null;
};

export function pickHighlights(facts: Facts): THighlight[] {
  const total = (code: string) => facts.totals.find((t) => t.metric === code);
  const out: THighlight[] = [];

  const automations = total('automations_run');
  if (automations?.value) {
    out.push({
      kind: 'automations',
      values: {
        count: Math.round(automations.value),
        changePct: automations.changePct,
        hoursSaved: facts.roi ? Math.round(facts.roi.hoursSaved) : null,
      },
    });
  }

  const seats = facts.seatUtilisation;
  if (seats.averageActiveUsers !== null && seats.averagePct !== null) {
    out.push({
      kind: 'seat_utilisation',
      values: {
        averageUsers: Math.round(seats.averageActiveUsers),
        peakUsers: seats.peakActiveUsers === null ? null : Math.round(seats.peakActiveUsers),
        seats: seats.seats,
        averagePct: Math.round(seats.averagePct),
        previousAveragePct: seats.previousAveragePct === null ? null : Math.round(seats.previousAveragePct),
      },
    });
  }

  if (facts.roi?.ratio && facts.roi.estimatedValue.amountMinor > 0) {
    out.push({
      kind: 'roi',
      values: {
        ratio: facts.roi.ratio,
        valueMinor: facts.roi.estimatedValue.amountMinor,
        currency: facts.roi.estimatedValue.currency,
        hoursSaved: Math.round(facts.roi.hoursSaved),
      },
    });
  }

  const measured = facts.modules.filter((m) => m.adoptionPct !== null);
  if (measured.length > 0) {
    const adopted = measured.filter((m) => m.isAdopted);
    out.push({
      kind: 'module_adoption',
      values: { adopted: adopted.length, total: facts.modules.length, modules: adopted.map((m) => m.module) },
    });
  }

  const resolved = total('tickets_resolved');
  if (resolved?.value) {
    const hours = total('median_resolution_hours');
    out.push({
      kind: 'support',
      values: {
        resolved: Math.round(resolved.value),
        medianHours:
          hours?.value === null || hours?.value === undefined ? null : Math.round(hours.value * 10) / 10,
        hoursChangePct: hours?.changePct ?? null,
      },
    });
  }

  const records = total('records_managed');
  if (records?.value) {
    out.push({ kind: 'records', values: { count: Math.round(records.value), changePct: records.changePct } });
  }

  return out.slice(0, MAX_HIGHLIGHTS);
}
