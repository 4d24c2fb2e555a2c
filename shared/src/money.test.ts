import { describe, expect, it } from 'vitest';
import {
  currencyExponent,
  divideRoundHalfUp,
  formatMinorAsDecimal,
  formatMoney,
  parseMajorToMinor,
  percentOfMinor,
} from './money.ts';

describe('money', () => {
  it('knows each currency exponent', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('cny')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('BHD')).toBe(3);
  });

  it('rounds half up, away from zero', () => {
    expect(divideRoundHalfUp(5, 2)).toBe(3);
    expect(divideRoundHalfUp(4, 3)).toBe(1);
    expect(divideRoundHalfUp(-5, 2)).toBe(-3);
    expect(percentOfMinor(999, 800)).toBe(80); // 79.92 → 80
    expect(percentOfMinor(1250, 1000)).toBe(125);
    expect(percentOfMinor(5, 1000)).toBe(1); // 0.5 → 1
  });

  it('formats for a locale with the currency’s own decimals', () => {
    expect(formatMoney({ amountMinor: 123456, currency: 'USD' }, 'en')).toBe('$1,234.56');
    expect(formatMoney({ amountMinor: 123456, currency: 'JPY' }, 'en')).toBe('¥123,456');
    expect(formatMoney({ amountMinor: 123456, currency: 'CNY' }, 'zh-CN')).toBe('¥1,234.56');
  });

  it('converts between major decimals and minor units exactly', () => {
    expect(parseMajorToMinor('1234.5', 'USD')).toBe(123450);
    expect(parseMajorToMinor('1200', 'JPY')).toBe(1200);
    expect(() => parseMajorToMinor('12.345', 'USD')).toThrow();
    expect(formatMinorAsDecimal(123450, 'USD')).toBe('1234.50');
    expect(formatMinorAsDecimal(-5, 'EUR')).toBe('-0.05');
    expect(formatMinorAsDecimal(1200, 'JPY')).toBe('1200');
  });
});
