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

/**
 * The account's settlement: balance transactions of charges in another currency are converted into it at a
 * fixed rate, as Stripe does (`exchange_rate` = units of the settlement currency per unit of the charge's).
 */
export type Settlement = { currency: string; rates: Record<string, string> };

const RATE = /^\d+(\.\d+)?$/;

export function assertRate(rate: string, param: string): void {
  if (!RATE.test(rate) || Number(rate) <= 0)
    throw invalidRequest(`Invalid exchange rate: ${rate}.`, { param });
}

/**
 * `amount` minor units of `from` in minor units of `to` at `rate` (a decimal string), exactly, rounded half
 * away from zero: amount × rate × 10^(exponent(to) − exponent(from)).
 */
export function convertMinor(amount: number, from: string, to: string, rate: string): number {
  const [whole = '0', fraction = ''] = rate.split('.');
  const numerator = BigInt(whole + fraction) * 10n ** BigInt(Math.max(0, currencyExponent(to)));
  const denominator = 10n ** BigInt(fraction.length + currencyExponent(from));
  const scaled = BigInt(Math.abs(amount)) * numerator;
  const rounded = (scaled * 2n + denominator) / (2n * denominator);
  return Number(rounded) * Math.sign(amount);
}
