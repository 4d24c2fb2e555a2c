// Finance figures for the active language: basis-point rates as percentages, a money value or a dash, and
// Stripe's raw values (statuses, types, reasons) as labels.

import type { Money } from '@portal/shared/money';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format';

export function useFinanceFormat() {
  const format = useFormat();
  const { t } = useTranslation('finance');
  const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(format.locale);
  const day = new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium' });
  const time = new Intl.DateTimeFormat(format.locale, {
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return {
    ...format,
    /** A rate in basis points (10 000 = 100 %). */
    rate: (basisPoints: number | null, none = '—') =>
      basisPoints === null ? none : percent.format(basisPoints / 10_000),
    maybeMoney: (value: Money | null) => (value ? format.money(value) : '—'),
    number: (value: number) => number.format(value),
    /** An instant's calendar day and time of day with its zone, in the viewer's time zone (two lines in tables). */
    day: (iso: string) => day.format(new Date(iso)),
    time: (iso: string) => time.format(new Date(iso)),
    /** A Stripe status, type or reason (`in_transit`, `stripe_fee`) as a label; an unknown one as it is. */
    stripeValue: (value: string) => t(`stripeValues.${value}`, { defaultValue: value.replaceAll('_', ' ') }),
  };
}
