// Currency facts in integer minor units: exponents, display formatting and Stripe's minimum charge.
import { invalidRequest } from './errors.ts';

const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** Digits after the decimal point in the currency's minor unit (USD 2, JPY 0, KWD 3). */
export function currencyExponent(currency: string): number {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** "$12.34", "¥1,200": minor units shown in major units without floating-point division surprises. */
export function formatAmount(amount: number, currency: string, locale = 'en-US'): string {
  const exponent = currencyExponent(currency);
  const major = Number(`${amount < 0 ? '-' : ''}${Math.abs(amount)}e-${exponent}`);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(major);
}

/** Stripe's minimum charge amounts for the common settlement currencies (others: any positive amount). */
const MINIMUM: Record<string, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  cad: 50,
  aud: 50,
  chf: 50,
  jpy: 50,
  sek: 300,
};

export function assertChargeableAmount(amount: number, currency: string, param = 'amount'): void {
  const minimum = MINIMUM[currency.toLowerCase()] ?? 1;
  if (amount < minimum) {
    throw invalidRequest(
      `Amount must be at least ${formatAmount(minimum, currency)} ${currency.toLowerCase()}`,
      {
        param,
        code: 'amount_too_small',
      },
    );
  }
}

const CURRENCY = /^[a-z]{3}$/;

export function assertCurrency(currency: string, param = 'currency'): string {
  const code = currency.toLowerCase();
  if (!CURRENCY.test(code)) throw invalidRequest(`Invalid currency: ${currency}.`, { param });
  return code;
}
