// The emulated Stripe fees (card processing, disputes) in integer minor units, and when funds
// become available.
import { currencyExponent } from './money.ts';

/**
 * The fixed part of the card fee: 30 minor units in two-decimal currencies (USD 0.30), roughly the
 * same value for zero-decimal ones (JPY 40), and 0.300 for three-decimal currencies.
 */
const FIXED_FEE_ZERO_DECIMAL: Record<string, number> = {
  jpy: 40,
  krw: 400,
  vnd: 7500,
  clp: 300,
  pyg: 2000,
  ugx: 1100,
};

function fixedFee(currency: string): number {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return FIXED_FEE_ZERO_DECIMAL[currency.toLowerCase()] ?? 0;
  return 30 * 10 ** (exponent - 2);
}

/** Card processing fee: 2.9 % + the fixed part, rounded to the minor unit. */
export function processingFee(amount: number, currency: string): number {
  return Math.round(amount * 0.029) + fixedFee(currency);
}

/** Stripe's dispute fee: USD/EUR 15.00 and JPY 1,500 are both 1500 minor units. */
export function disputeFee(currency: string): number {
  return currencyExponent(currency) === 3 ? 15_000 : 1500;
}

const DAY = 24 * 60 * 60;

/** Charges become available two days after the UTC day they were made, at midnight UTC. */
export function availableOn(created: number, days = 2): number {
  return Math.floor(created / DAY) * DAY + days * DAY;
}

export function addDays(unix: number, days: number): number {
  return unix + days * DAY;
}
