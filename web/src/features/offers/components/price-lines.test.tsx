import type { TPriceLine } from '@portal/shared/schemas/offers';
import { render, screen, within } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { PriceLines } from '@/features/offers/components/price-lines';
import { i18next } from '@/lib/i18n';

const planNames = { professional: 'Professional', enterprise: 'Enterprise' };

describe('PriceLines', () => {
  it('words every line from its code and parameters, with the currency’s own decimals', () => {
    const lines: TPriceLine[] = [
      {
        code: 'list',
        planCode: 'enterprise',
        seats: 50,
        termYears: 3,
        unitAmountMinor: 84_000,
        amountMinor: 12_600_000,
      },
      { code: 'discount', reason: 'multi_year', basisPoints: 1500, termYears: 3, amountMinor: -1_890_000 },
      { code: 'discount', reason: 'upgrade_incentive', basisPoints: 1500, amountMinor: -1_890_000 },
      { code: 'discount_cap', capBasisPoints: 2500, amountMinor: 630_000 },
      {
        code: 'proration_credit',
        fromPlanCode: 'professional',
        termValueMinor: 2_160_000,
        remainingDays: 64,
        termDays: 365,
        amountMinor: -378_740,
      },
      { code: 'tax', rateBasisPoints: 0, amountMinor: 0 },
    ];
    render(
      <PriceLines
        lines={lines}
        total={{ amountMinor: 9_071_260, currency: 'USD' }}
        caption="Price"
        planNames={planNames}
      />,
    );
    const rows = screen.getAllByRole('row').map((row) => row.textContent);
    expect(rows).toEqual([
      'ItemAmount',
      'Enterprise: 50 seats × $840.00 per seat and year × 3 years$126,000.00',
      'Multi-year discount, 3 years (15%)-$18,900.00',
      'Upgrade discount (15%)-$18,900.00',
      'Discounts limited to 25% in total$6,300.00',
      'Credit for the unused 64 of 365 days of your Professional term-$3,787.40',
      'Tax (0%)$0.00',
      'Total$90,712.60',
    ]);
  });

  it('reads in Simplified Chinese, in yen without decimals (JP¥ beside CNY’s ¥)', async () => {
    const lines: TPriceLine[] = [
      {
        code: 'list',
        planCode: 'enterprise',
        seats: 150,
        termYears: 1,
        unitAmountMinor: 126_000,
        amountMinor: 18_900_000,
      },
      {
        code: 'discount',
        reason: 'early_renewal',
        basisPoints: 500,
        daysBeforeTermEnd: 110,
        amountMinor: -945_000,
      },
    ];
    render(
      <PriceLines
        lines={lines}
        total={{ amountMinor: 17_955_000, currency: 'JPY' }}
        caption="价格"
        planNames={planNames}
      />,
    );
    await act(() => i18next.changeLanguage('zh-CN'));
    const table = screen.getByRole('table', { name: '价格' });
    expect(within(table).getByText('提前续订折扣，距期限结束 110 天（5%）')).toBeTruthy();
    expect(within(table).getByText('-JP¥945,000')).toBeTruthy();
    expect(within(table).getByText('JP¥17,955,000')).toBeTruthy();
  });
});
