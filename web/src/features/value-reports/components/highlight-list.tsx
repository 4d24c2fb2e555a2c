// The report's highlights as sentences in the reader's language: the server sends each as a kind and its
// numbers; the words live in the translations.

import { formatMoney } from '@portal/shared/money';
import type { THighlight } from '@portal/shared/schemas/value-reports';
import { useTranslation } from 'react-i18next';
import { useFigures } from '@/features/value-reports/utils/format-figures';

type Values = THighlight['values'];
const num = (values: Values, key: string): number | null => {
  const value = values[key];
  return typeof value === 'number' ? value : null;
};

export function useHighlightText() {
  const { t } = useTranslation('valueReports');
  const f = useFigures();
  return (highlight: THighlight): string => {
    const v = highlight.values;
    const n = (key: string, digits = 0) => f.number(num(v, key) ?? 0, digits);
    const change = num(v, 'changePct');
    switch (highlight.kind) {
      case 'automations': {
        const first =
          change && change > 0
            ? t('highlights.automationsUp', { count: n('count'), pct: f.number(change) })
            : change && change < 0
              ? t('highlights.automationsDown', { count: n('count'), pct: f.number(-change) })
              : t('highlights.automations', { count: n('count') });
        const hours = num(v, 'hoursSaved');
        return hours ? `${first} ${t('highlights.automationsHours', { hours: f.number(hours) })}` : first;
      }
      case 'seat_utilisation': {
        const first = t('highlights.seatUtilisation', {
          average: n('averageUsers'),
          count: num(v, 'seats') ?? 0,
          seats: n('seats'),
          pct: n('averagePct'),
          peak: n('peakUsers'),
        });
        const previous = num(v, 'previousAveragePct');
        return previous === null
          ? first
          : `${first} ${t('highlights.seatUtilisationCompare', { previous: f.number(previous) })}`;
      }
      case 'roi':
        return t('highlights.roi', {
          value: formatMoney(
            { amountMinor: num(v, 'valueMinor') ?? 0, currency: String(v.currency) },
            f.locale,
          ),
          ratio: n('ratio', 2),
        });
      case 'module_adoption': {
        const first = t('highlights.moduleAdoption', { adopted: n('adopted'), total: n('total') });
        const modules = Array.isArray(v.modules) ? v.modules : [];
        if (modules.length === 0) return first;
        const names = modules.map((m) => t(`modules.${m}` as 'modules.workflows', { defaultValue: m }));
        return `${first} ${t('highlights.moduleAdoptionList', { modules: f.list(names) })}`;
      }
      case 'support': {
        const first = t('highlights.support', { count: n('resolved') });
        const hours = num(v, 'medianHours');
        return hours === null
          ? first
          : `${first} ${t('highlights.supportHours', { hours: f.number(hours, 1) })}`;
      }
      case 'records':
        return change && change > 0
          ? t('highlights.recordsUp', { count: n('count'), pct: f.number(change) })
          : change && change < 0
            ? t('highlights.recordsDown', { count: n('count'), pct: f.number(-change) })
            : t('highlights.records', { count: n('count') });
      default: {
        const unreachable: never = highlight.kind;
        return unreachable;
      }
    }
  };
}

export function HighlightList({ highlights }: { highlights: readonly THighlight[] }) {
  const text = useHighlightText();
  return (
    <ul className="vr-highlights">
      {highlights.map((highlight) => (
        <li key={highlight.kind} className="vr-highlights__item">
          {text(highlight)}
        </li>
      ))}
    </ul>
  );
}
