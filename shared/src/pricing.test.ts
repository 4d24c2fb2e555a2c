// Hand-computed examples for every pricing rule, alone and combined: the amounts in the comments are worked
// out on paper from the rules, not read back from the code.

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRICING_RULES,
  discountLines,
  isEarlyRenewal,
  minimumChargeMinor,
  multiYearDiscountBp,
  priceRenewal,
  priceSeatAddition,
  priceUpgrade,
  prorateByDay,
  renewalTermStart,
  termYearsOf,
} from './pricing.ts';
import type { TPriceLine, TPricingRules } from './schemas/offers.ts';

const rules = DEFAULT_PRICING_RULES;
/** Professional in USD: $480.00 per seat per year. */
const PRO_USD = 48_000;
/** Enterprise in USD: $840.00 per seat per year. */
const ENT_USD = 84_000;

/** The lines as [code (with the discount's reason), amount] pairs: the shape hand computations are written in. */
const amounts = (lines: TPriceLine[]) =>
  lines.map((l) => [l.code === 'discount' ? `discount:${l.reason}` : l.code, l.amountMinor]);

describe('the default rules', () => {
  it('are DESIGN.md §4 in basis points', () => {
    expect(multiYearDiscountBp(rules, 1)).toBe(0);
    expect(multiYearDiscountBp(rules, 2)).toBe(800);
    expect(multiYearDiscountBp(rules, 3)).toBe(1500);
    expect(rules.earlyRenewal).toEqual({ minDaysBeforeTermEnd: 60, discountBp: 500 });
    expect(rules.upgradeIncentiveBp).toBe(500);
    expect(rules.maxTotalDiscountBp).toBe(2500);
  });

  it('treat 60 or more days before term_end as early, 59 not', () => {
    expect(isEarlyRenewal(rules, 60)).toBe(true);
    expect(isEarlyRenewal(rules, 200)).toBe(true);
    expect(isEarlyRenewal(rules, 59)).toBe(false);
    expect(isEarlyRenewal(rules, -3)).toBe(false);
  });
});

describe('renewals, one rule at a time', () => {
  // 45 seats of Professional, term ending 2027-01-26.
  const base = {
    planCode: 'professional',
    unitAmountMinor: PRO_USD,
    seats: 45,
    rules,
    termEnd: '2027-01-26',
  };
  const late = { ...base, today: '2026-12-27' }; // 30 days before term_end: not early

  it('1 year, late: the list price and nothing else', () => {
    const priced = priceRenewal({ ...late, termYears: 1 });
    // 480.00 × 45 × 1 = 21,600.00
    expect(amounts(priced.lines)).toEqual([
      ['list', 2_160_000],
      ['tax', 0],
    ]);
    expect(priced).toMatchObject({
      totalMinor: 2_160_000,
      savingsMinor: 0,
      savingsBasisPoints: 0,
      pricePerYearMinor: 2_160_000,
      contractUnitPriceMinor: 48_000,
    });
  });

  it('2 years: −8 %', () => {
    const priced = priceRenewal({ ...late, termYears: 2 });
    // list 480.00 × 45 × 2 = 43,200.00; 8 % = 3,456.00; total 39,744.00; per year 19,872.00; per seat-year 441.60
    expect(amounts(priced.lines)).toEqual([
      ['list', 4_320_000],
      ['discount:multi_year', -345_600],
      ['tax', 0],
    ]);
    expect(priced.lines[1]).toMatchObject({ basisPoints: 800, termYears: 2 });
    expect(priced).toMatchObject({
      totalMinor: 3_974_400,
      savingsMinor: 345_600,
      savingsBasisPoints: 800,
      pricePerYearMinor: 1_987_200,
      contractUnitPriceMinor: 44_160,
    });
  });

  it('3 years: −15 %', () => {
    const priced = priceRenewal({ ...late, termYears: 3 });
    // list 64,800.00; 15 % = 9,720.00; total 55,080.00; per year 18,360.00
    expect(amounts(priced.lines)).toEqual([
      ['list', 6_480_000],
      ['discount:multi_year', -972_000],
      ['tax', 0],
    ]);
    expect(priced).toMatchObject({ totalMinor: 5_508_000, pricePerYearMinor: 1_836_000 });
  });

  it('early renewal alone: −5 %, with the last day it can be quoted', () => {
    const priced = priceRenewal({ ...base, today: '2026-11-23', termYears: 1 }); // 64 days before
    // list 21,600.00; 5 % = 1,080.00; total 20,520.00
    expect(amounts(priced.lines)).toEqual([
      ['list', 2_160_000],
      ['discount:early_renewal', -108_000],
      ['tax', 0],
    ]);
    expect(priced.lines[1]).toMatchObject({
      basisPoints: 500,
      daysBeforeTermEnd: 64,
      deadline: '2026-11-27',
    });
    expect(priced.totalMinor).toBe(2_052_000);
  });

  it('early renewal on the boundary: 60 days yes, 59 days no', () => {
    expect(priceRenewal({ ...base, today: '2026-11-27', termYears: 1 }).totalMinor).toBe(2_052_000);
    expect(priceRenewal({ ...base, today: '2026-11-28', termYears: 1 }).totalMinor).toBe(2_160_000);
  });
});

describe('renewals, rules combined and the cap', () => {
  const base = { planCode: 'professional', unitAmountMinor: PRO_USD, seats: 45, termEnd: '2027-01-26' };

  it('3 years early: 15 % + 5 % = 20 %, under the cap, each its own line', () => {
    const priced = priceRenewal({ ...base, rules, today: '2026-11-23', termYears: 3 });
    // list 64,800.00; 15 % = 9,720.00; 5 % = 3,240.00; total 51,840.00
    expect(amounts(priced.lines)).toEqual([
      ['list', 6_480_000],
      ['discount:multi_year', -972_000],
      ['discount:early_renewal', -324_000],
      ['tax', 0],
    ]);
    expect(priced).toMatchObject({
      totalMinor: 5_184_000,
      savingsMinor: 1_296_000,
      savingsBasisPoints: 2000,
    });
  });

  it('caps the sum of the percentages at 25 % with one give-back line', () => {
    const generous: TPricingRules = { ...rules, multiYear: { twoYearsBp: 1200, threeYearsBp: 2200 } };
    const priced = priceRenewal({ ...base, rules: generous, today: '2026-11-23', termYears: 3 });
    // 22 % + 5 % = 27 % > 25 %: 14,256.00 + 3,240.00 = 17,496.00 granted, capped at 25 % = 16,200.00,
    // so the cap line gives back 1,296.00; total 64,800.00 − 16,200.00 = 48,600.00
    expect(amounts(priced.lines)).toEqual([
      ['list', 6_480_000],
      ['discount:multi_year', -1_425_600],
      ['discount:early_renewal', -324_000],
      ['discount_cap', 129_600],
      ['tax', 0],
    ]);
    expect(priced.lines[3]).toMatchObject({ capBasisPoints: 2500 });
    expect(priced).toMatchObject({
      totalMinor: 4_860_000,
      savingsMinor: 1_620_000,
      savingsBasisPoints: 2500,
    });
  });

  it('a sum exactly at the cap is not capped', () => {
    const atCap: TPricingRules = { ...rules, multiYear: { twoYearsBp: 800, threeYearsBp: 2000 } };
    const priced = priceRenewal({ ...base, rules: atCap, today: '2026-11-23', termYears: 3 });
    expect(priced.lines.some((l) => l.code === 'discount_cap')).toBe(false);
    expect(priced.savingsBasisPoints).toBe(2500);
    expect(priced.totalMinor).toBe(4_860_000);
  });

  it('the capped discounts come to exactly round(list × cap), however the lines rounded', () => {
    // list 50.10: 20 % = 10.02, 10 % = 5.01 (15.03 granted); 25 % of 50.10 = 12.525 → 12.53; give back 2.50
    const result = discountLines(
      5010,
      [
        { reason: 'multi_year', basisPoints: 2000, termYears: 3 },
        { reason: 'early_renewal', basisPoints: 1000 },
      ],
      2500,
    );
    expect(result.lines.map((l) => l.amountMinor)).toEqual([-1002, -501, 250]);
    expect(result.savingsMinor).toBe(1253);
  });

  it('a zero-percent rule makes no line', () => {
    const none: TPricingRules = { ...rules, earlyRenewal: { minDaysBeforeTermEnd: 60, discountBp: 0 } };
    const priced = priceRenewal({ ...base, rules: none, today: '2026-11-23', termYears: 1 });
    expect(amounts(priced.lines)).toEqual([
      ['list', 2_160_000],
      ['tax', 0],
    ]);
  });

  it('adds a tax line on what remains after discounts when a rate is given', () => {
    const priced = priceRenewal({ ...base, rules, today: '2026-12-27', termYears: 2, taxRateBp: 1000 });
    // 43,200.00 − 3,456.00 = 39,744.00; 10 % tax = 3,974.40; total 43,718.40
    expect(priced.lines.at(-1)).toEqual({ code: 'tax', rateBasisPoints: 1000, amountMinor: 397_440 });
    expect(priced.totalMinor).toBe(4_371_840);
  });
});

describe('rounding: half-up, once per line, in 2- and 0-decimal currencies', () => {
  it('USD: each discount line rounds on its own, and the total is the sum of the rounded lines', () => {
    // $25.05 × 1 seat × 2 years = $50.10; 8 % = 4.008 → 4.01; 5 % = 2.505 → 2.51 (half up)
    const priced = priceRenewal({
      planCode: 'p',
      unitAmountMinor: 2505,
      seats: 1,
      termYears: 2,
      rules,
      termEnd: '2027-06-01',
      today: '2026-11-23',
    });
    expect(amounts(priced.lines)).toEqual([
      ['list', 5010],
      ['discount:multi_year', -401],
      ['discount:early_renewal', -251],
      ['tax', 0],
    ]);
    // 50.10 − 4.01 − 2.51 = 43.58 (rounding 13 % of the total once would give 43.59)
    expect(priced.totalMinor).toBe(4358);
    // per year 21.79; per seat-year 21.79
    expect(priced.pricePerYearMinor).toBe(2179);
  });

  it('USD: a remainder under half a cent rounds down', () => {
    // $19.99 × 3 × 2 = $119.94; 8 % = 9.5952 → 9.60; 119.94 − 9.60 = 110.34
    const priced = priceRenewal({
      planCode: 'p',
      unitAmountMinor: 1999,
      seats: 3,
      termYears: 2,
      rules,
      termEnd: '2026-12-01',
      today: '2026-11-23',
    });
    expect(amounts(priced.lines)).toEqual([
      ['list', 11_994],
      ['discount:multi_year', -960],
      ['tax', 0],
    ]);
    expect(priced.totalMinor).toBe(11_034);
  });

  it('JPY: whole yen, half up', () => {
    // ¥505 × 1 × 2 = ¥1,010; 8 % = 80.8 → ¥81; 5 % = 50.5 → ¥51; total ¥878
    const priced = priceRenewal({
      planCode: 'p',
      unitAmountMinor: 505,
      seats: 1,
      termYears: 2,
      rules,
      termEnd: '2027-06-01',
      today: '2026-11-23',
    });
    expect(amounts(priced.lines)).toEqual([
      ['list', 1010],
      ['discount:multi_year', -81],
      ['discount:early_renewal', -51],
      ['tax', 0],
    ]);
    expect(priced.totalMinor).toBe(878);
    expect(priced.pricePerYearMinor).toBe(439);
  });

  it('JPY: the Kumo Systems renewal (Enterprise, 150 seats, 3 years, early)', () => {
    // ¥126,000 × 150 × 3 = ¥56,700,000; 15 % = ¥8,505,000; 5 % = ¥2,835,000; total ¥45,360,000
    const priced = priceRenewal({
      planCode: 'enterprise',
      unitAmountMinor: 126_000,
      seats: 150,
      termYears: 3,
      rules,
      termEnd: '2027-03-13',
      today: '2026-11-23',
    });
    expect(priced.totalMinor).toBe(45_360_000);
    expect(priced.pricePerYearMinor).toBe(15_120_000);
    expect(priced.contractUnitPriceMinor).toBe(100_800);
  });

  it('JPY: the per-seat contract price rounds to whole yen', () => {
    // ¥12,345 × 7 × 2 = ¥172,830; 8 % = 13,826.4 → ¥13,826; ¥159,004 / 14 seat-years = 11,357.43 → ¥11,357
    const priced = priceRenewal({
      planCode: 'p',
      unitAmountMinor: 12_345,
      seats: 7,
      termYears: 2,
      rules,
      termEnd: '2026-12-01',
      today: '2026-11-23',
    });
    expect(priced.totalMinor).toBe(159_004);
    expect(priced.contractUnitPriceMinor).toBe(11_357);
  });
});

describe('proration by day', () => {
  it('prorates with half-up rounding and clamps to the term', () => {
    expect(prorateByDay(365_000, 64, 365)).toBe(64_000);
    expect(prorateByDay(1000, 1, 3)).toBe(333); // 333.33
    expect(prorateByDay(1000, 2, 3)).toBe(667); // 666.67
    expect(prorateByDay(1, 1, 2)).toBe(1); // 0.5 → 1
    expect(prorateByDay(1000, 400, 365)).toBe(1000);
    expect(prorateByDay(1000, -5, 365)).toBe(0);
  });

  it('counts whole-year terms, including ones that start on 29 February', () => {
    expect(termYearsOf('2026-01-26', '2027-01-26')).toBe(1);
    expect(termYearsOf('2026-01-26', '2029-01-26')).toBe(3);
    expect(termYearsOf('2028-02-29', '2029-02-28')).toBe(1);
    expect(termYearsOf('2028-02-29', '2032-02-29')).toBe(4);
  });
});

describe('upgrades: the new plan from today, less the unused value of the current term', () => {
  // Professional, 45 seats, paid $21,600.00 for 2026-01-26 → 2027-01-26 (365 days); upgrading on 2026-11-23
  // leaves 64 unused days.
  const current = {
    planCode: 'professional',
    termValueMinor: 2_160_000,
    termStart: '2026-01-26',
    termEnd: '2027-01-26',
  };
  const upgrade = { planCode: 'enterprise', unitAmountMinor: ENT_USD, seats: 50, rules, current };

  it('1 year: list, the upgrade incentive and the credit', () => {
    const priced = priceUpgrade({ ...upgrade, termYears: 1, today: '2026-11-23' });
    // list 840.00 × 50 = 42,000.00; incentive 5 % = 2,100.00;
    // credit 21,600.00 × 64 / 365 = 3,787.397 → 3,787.40; total 42,000.00 − 2,100.00 − 3,787.40 = 36,112.60
    expect(amounts(priced.lines)).toEqual([
      ['list', 4_200_000],
      ['discount:upgrade_incentive', -210_000],
      ['proration_credit', -378_740],
      ['tax', 0],
    ]);
    expect(priced.lines[2]).toMatchObject({ remainingDays: 64, termDays: 365, fromPlanCode: 'professional' });
    expect(priced).toMatchObject({
      totalMinor: 3_611_260,
      creditMinor: 378_740,
      savingsMinor: 210_000,
      pricePerYearMinor: 3_990_000,
      contractUnitPriceMinor: 79_800,
    });
  });

  it('3 years: multi-year and incentive together (20 %), the credit is not a discount and is not capped', () => {
    const priced = priceUpgrade({ ...upgrade, termYears: 3, today: '2026-11-23' });
    // list 126,000.00; 15 % = 18,900.00; 5 % = 6,300.00; credit 3,787.40; total 97,012.60
    expect(amounts(priced.lines)).toEqual([
      ['list', 12_600_000],
      ['discount:multi_year', -1_890_000],
      ['discount:upgrade_incentive', -630_000],
      ['proration_credit', -378_740],
      ['tax', 0],
    ]);
    expect(priced.totalMinor).toBe(9_701_260);
    expect(priced.savingsBasisPoints).toBe(2000);
  });

  it('with a next term paid ahead: credits each span at the value paid for it, not the merged span', () => {
    // The next term 2027-01-26 → 2029-01-26 (731 days) was paid ahead at 40,000.00 for its two years. Credit:
    // the running term's 3,787.40 (64 of 365 days) plus the whole 40,000.00 of the term not started. The
    // merged span at the running price would have been 21,600.00 × 2 + … — too high or too low, never paid.
    const paidAhead = [
      { planCode: 'professional', termValueMinor: 4_000_000, termStart: '2027-01-26', termEnd: '2029-01-26' },
    ];
    const priced = priceUpgrade({ ...upgrade, paidAhead, termYears: 3, today: '2026-11-23' });
    expect(amounts(priced.lines)).toEqual([
      ['list', 12_600_000],
      ['discount:multi_year', -1_890_000],
      ['discount:upgrade_incentive', -630_000],
      ['proration_credit', -378_740],
      ['proration_credit', -4_000_000],
      ['tax', 0],
    ]);
    expect(priced.lines[4]).toMatchObject({ remainingDays: 731, termDays: 731 });
    expect(priced).toMatchObject({ creditMinor: 4_378_740, totalMinor: 12_600_000 - 2_520_000 - 4_378_740 });
  });

  it('caps multi-year plus incentive at 25 %', () => {
    const generous: TPricingRules = { ...rules, upgradeIncentiveBp: 1500 };
    const priced = priceUpgrade({ ...upgrade, rules: generous, termYears: 3, today: '2026-11-23' });
    // 15 % + 15 % = 30 %: 18,900.00 + 18,900.00 granted, capped at 31,500.00 (25 %), give back 6,300.00
    expect(amounts(priced.lines)).toEqual([
      ['list', 12_600_000],
      ['discount:multi_year', -1_890_000],
      ['discount:upgrade_incentive', -1_890_000],
      ['discount_cap', 630_000],
      ['proration_credit', -378_740],
      ['tax', 0],
    ]);
    expect(priced.totalMinor).toBe(12_600_000 - 3_150_000 - 378_740);
  });

  it('at a month end: upgrading on 28 February of a term that started on 31 January', () => {
    const priced = priceUpgrade({
      ...upgrade,
      termYears: 1,
      today: '2026-02-28',
      current: { ...current, termStart: '2026-01-31', termEnd: '2027-01-31' },
    });
    // unused 2026-02-28 → 2027-01-31 = 1 + 306 (March–December) + 30 = 337 days of 365;
    // 21,600.00 × 337 / 365 = 19,943.013… → 19,943.01
    expect(priced.lines[2]).toMatchObject({ remainingDays: 337, termDays: 365, amountMinor: -1_994_301 });
  });

  it('at a month end: upgrading on 30 November of a term ending on 31 August', () => {
    const priced = priceUpgrade({
      ...upgrade,
      termYears: 1,
      today: '2026-11-30',
      current: { ...current, termStart: '2026-08-31', termEnd: '2027-08-31' },
    });
    // 1 (30 Nov) + 31 (December) + 242 (1 January → 31 August 2027) = 274 days of 365;
    // 21,600.00 × 274 / 365 = 16,214.794… → 16,214.79
    expect(priced.lines[2]).toMatchObject({ remainingDays: 274, termDays: 365, amountMinor: -1_621_479 });
  });

  it('on 29 February in a leap-year term of 366 days', () => {
    const priced = priceUpgrade({
      ...upgrade,
      termYears: 1,
      today: '2028-02-29',
      current: { ...current, termStart: '2028-01-01', termEnd: '2029-01-01' },
    });
    // 2028 has 366 days; 29 Feb is day 60, so 366 − 59 = 307 days are unused;
    // 21,600.00 × 307 / 366 = 18,118.032… → 18,118.03
    expect(priced.lines[2]).toMatchObject({ remainingDays: 307, termDays: 366, amountMinor: -1_811_803 });
  });

  it('in a term that starts on 29 February (365 days, it ends on 28 February)', () => {
    const priced = priceUpgrade({
      ...upgrade,
      termYears: 1,
      today: '2028-08-29',
      current: { ...current, termStart: '2028-02-29', termEnd: '2029-02-28' },
    });
    // 2028-08-29 → 2029-02-28: 3 (Aug) + 30 + 31 + 30 + 31 + 31 (Jan) + 27 (Feb) = 183 days of 365;
    // 21,600.00 × 183 / 365 = 10,829.589… → 10,829.59
    expect(priced.lines[2]).toMatchObject({ remainingDays: 183, termDays: 365, amountMinor: -1_082_959 });
  });

  it('in JPY: the credit rounds to whole yen', () => {
    const priced = priceUpgrade({
      planCode: 'enterprise',
      unitAmountMinor: 126_000,
      seats: 50,
      termYears: 1,
      rules,
      today: '2026-11-23',
      current: {
        planCode: 'professional',
        termValueMinor: 3_240_000,
        termStart: '2026-01-26',
        termEnd: '2027-01-26',
      },
    });
    // list ¥6,300,000; incentive 5 % = ¥315,000; credit ¥3,240,000 × 64 / 365 = 568,109.589… → ¥568,110
    expect(amounts(priced.lines)).toEqual([
      ['list', 6_300_000],
      ['discount:upgrade_incentive', -315_000],
      ['proration_credit', -568_110],
      ['tax', 0],
    ]);
    expect(priced.totalMinor).toBe(5_416_890);
  });

  it('gives no credit once the term has ended (grace or expired)', () => {
    const priced = priceUpgrade({ ...upgrade, termYears: 1, today: '2027-01-30' });
    expect(priced.lines.some((l) => l.code === 'proration_credit')).toBe(false);
    expect(priced.totalMinor).toBe(3_990_000);
  });
});

describe('seat additions: the rest of the current term at the contracted price', () => {
  it('prorates the added seats by day', () => {
    const priced = priceSeatAddition({
      planCode: 'professional',
      unitAmountMinor: PRO_USD,
      currentSeats: 45,
      seats: 55,
      today: '2026-11-23',
      current: { termStart: '2026-01-26', termEnd: '2027-01-26' },
    });
    // 480.00 × 10 seats × 64 / 365 = 841.643… → 841.64
    expect(amounts(priced.lines)).toEqual([
      ['seat_addition', 84_164],
      ['tax', 0],
    ]);
    expect(priced.lines[0]).toMatchObject({ addedSeats: 10, remainingDays: 64, termDays: 365, termYears: 1 });
    expect(priced).toMatchObject({
      totalMinor: 84_164,
      pricePerYearMinor: null,
      contractUnitPriceMinor: PRO_USD,
    });
  });

  it('in a two-year term, half-way through', () => {
    const priced = priceSeatAddition({
      planCode: 'starter',
      unitAmountMinor: 160_000,
      currentSeats: 30,
      seats: 33,
      today: '2026-06-01',
      current: { termStart: '2025-06-01', termEnd: '2027-06-01' },
    });
    // ¥1,600.00 × 3 × 2 years × 365 / 730 = 4,800.00
    expect(priced.totalMinor).toBe(480_000);
  });

  it('refuses to remove seats or to add them to a term that has ended', () => {
    const base = { planCode: 'p', unitAmountMinor: 100, today: '2026-11-23' };
    expect(() =>
      priceSeatAddition({
        ...base,
        currentSeats: 10,
        seats: 9,
        current: { termStart: '2026-01-01', termEnd: '2027-01-01' },
      }),
    ).toThrow();
    expect(() =>
      priceSeatAddition({
        ...base,
        currentSeats: 10,
        seats: 12,
        current: { termStart: '2025-11-01', termEnd: '2026-11-01' },
      }),
    ).toThrow();
  });
});

describe('renewal term dates', () => {
  it('continue from term_end before expiry and in grace, and start today after expiry', () => {
    const at = (today: string) => renewalTermStart({ termEnd: '2026-12-01', today, graceDays: 14 });
    expect(at('2026-11-23')).toBe('2026-12-01');
    expect(at('2026-12-01')).toBe('2026-12-01'); // first day of grace
    expect(at('2026-12-14')).toBe('2026-12-01'); // last day of grace
    expect(at('2026-12-15')).toBe('2026-12-15'); // expired
  });
});

describe('minimum charge', () => {
  it('is one major unit of the currency', () => {
    expect(minimumChargeMinor('USD')).toBe(100);
    expect(minimumChargeMinor('JPY')).toBe(1);
  });
});

describe('guards', () => {
  it('refuses non-integer money', () => {
    expect(() => prorateByDay(10.5, 1, 2)).toThrow();
    expect(() => discountLines(1.5, [], 2500)).toThrow();
  });
});
