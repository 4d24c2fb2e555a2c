import { describe, expect, it } from 'vitest';
import { basisPointsToPercent, percentToBasisPoints } from './percent-input';

describe('percent input', () => {
  it('turns typed percentages into whole basis points', () => {
    expect(percentToBasisPoints('8')).toBe(800);
    expect(percentToBasisPoints('12.5')).toBe(1250);
    expect(percentToBasisPoints('0.05')).toBe(5);
    expect(percentToBasisPoints(' 100 ')).toBe(10_000);
  });

  it('refuses what is not a percentage', () => {
    for (const bad of ['', '-1', '1.234', '101', 'abc', '1e2']) expect(percentToBasisPoints(bad)).toBeNull();
  });

  it('shows basis points as short percentages', () => {
    expect(basisPointsToPercent(800)).toBe('8');
    expect(basisPointsToPercent(1250)).toBe('12.5');
    expect(basisPointsToPercent(5)).toBe('0.05');
    expect(basisPointsToPercent(0)).toBe('0');
  });
});
