// Formatting for e-mail text in the recipient's language: calendar dates (in UTC, so no time zone moves them
// by a day) and money with the currency's own decimals.

import type { CalendarDate } from '@portal/shared/dates';
import { currencyExponent, type Money } from '@portal/shared/money';
import type { EmailLocale } from './types.ts';

// Formatters are costly to build and a renewal run renders thousands of e-mails: one per locale (and currency).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function emailDate(date: CalendarDate, locale: EmailLocale): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

/** As `formatMoney` (shared/money.ts): the currency's own decimals, never floats beyond the display. */
export function emailMoney(value: Money, locale: EmailLocale): string {
  const key = `${locale}:${value.currency}`;
  const exponent = currencyExponent(value.currency);
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: value.currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    moneyFormats.set(key, format);
  }
  return format.format(value.amountMinor / 10 ** exponent);
}

const CARD_BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  diners: 'Diners Club',
};

export function cardBrandName(brand: string): string {
  return CARD_BRANDS[brand] ?? brand;
}
