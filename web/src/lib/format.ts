// Dates and money for the active locale. Contract dates are calendar dates and are formatted in UTC so that
// no time zone can move them by a day; money goes through the shared formatter (the currency's own decimals).

import type { CalendarDate } from '@portal/shared/dates';
import { formatMoney, type Money } from '@portal/shared/money';
import { useTranslation } from 'react-i18next';

/** A calendar date that never breaks across lines ("Jan 25, 2027" stays whole in a narrow column). */
export function formatCalendarDate(date: CalendarDate, locale: string): string {
  const formatted = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
  return formatted.replace(/ /g, '\u00a0');
}

/** An ISO-8601 instant in the viewer's own time zone, which it names ("Nov 23, 2026, 1:00 PM GMT+1"). */
export function formatTimestamp(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}

export function formatAmount(value: Money, locale: string): string {
  return formatMoney(value, locale);
}

/** The formatters bound to the active language; components re-render when it changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    locale,
    date: (date: CalendarDate) => formatCalendarDate(date, locale),
    timestamp: (iso: string) => formatTimestamp(iso, locale),
    money: (value: Money) => formatAmount(value, locale),
  };
}
