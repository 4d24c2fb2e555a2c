// Money is an integer amount of the currency's minor unit plus its ISO code; never a float, never `/100`
// (zero-decimal currencies such as JPY exist). Formatting happens only at the edge, with Intl.

export type Money = { amountMinor: number; currency: string };

const exponentCache = new Map<string, number>();

/** Digits after the decimal point for a currency (USD 2, JPY 0, BHD 3), from the platform's ISO 4217 data. */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  let exponent = exponentCache.get(code);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits as number;
    exponentCache.set(code, exponent);
  }
  return exponent;
}

export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor))
    throw new Error(`Money must be an integer of minor units: ${amountMinor}`);
  return { amountMinor, currency: currency.toUpperCase() };
}

/** Divides with half-up rounding (away from zero on .5), for integers only. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new Error('denominator must be positive');
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  const quotient = Math.floor(abs / denominator);
  const remainder = abs - quotient * denominator;
  return sign * (remainder * 2 >= denominator ? quotient + 1 : quotient);
}

/** `amountMinor` × basis points / 10 000, rounded half-up once (100 bp = 1 %). */
export function percentOfMinor(amountMinor: number, basisPoints: number): number {
  return divideRoundHalfUp(amountMinor * basisPoints, 10_000);
}

export function sumMinor(amounts: readonly number[]): number {
  return amounts.reduce((total, amount) => total + amount, 0);
}

/** A major-unit decimal string ("1234.50") to minor units, exactly; used for human input such as ops price edits. */
export function parseMajorToMinor(value: string, currency: string): number {
  const exponent = currencyExponent(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`Not an amount: ${value}`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) throw new Error(`${currency} has ${exponent} decimal places`);
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return sign === '-' ? -minor : minor;
}

export function formatMoney(value: Money, locale: string): string {
  const exponent = currencyExponent(value.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: value.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(value.amountMinor / 10 ** exponent);
}

/** Major-unit decimal string for CSV and documents ("1234.50", "1234" for JPY), exact for any integer. */
export function formatMinorAsDecimal(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
