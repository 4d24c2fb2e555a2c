// Numbers, percentages, changes and months of a value report, in the reader's locale.

import { useTranslation } from 'react-i18next';

export function formatNumber(value: number, locale: string, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/** 'YYYY-MM' as a short month and year ("Jun 26", "26年6月"). */
export function formatMonth(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

export function useFigures() {
  const { i18n, t } = useTranslation('valueReports');
  const locale = i18n.language;
  return {
    locale,
    number: (value: number, digits = 0) => formatNumber(value, locale, digits),
    month: (month: string) => formatMonth(month, locale),
    list: (items: readonly string[]) => formatList(items, locale),
    change: (pct: number | null) => {
      if (pct === null) return t('change.na');
      if (pct === 0) return t('change.none');
      const abs = formatNumber(Math.abs(pct), locale);
      return pct > 0 ? t('change.up', { pct: abs }) : t('change.down', { pct: abs });
    },
  };
}
