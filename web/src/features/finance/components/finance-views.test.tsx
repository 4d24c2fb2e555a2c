import { EXCEPTION_CLASSES, RECON_CLASSES } from '@portal/shared/schemas/finance';
import { render, screen } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { presetPeriods } from '@/features/finance/components/kpis-view';
import { filtersFromSearch } from '@/features/finance/components/ledger-view';
import { ReconClassBadge } from '@/features/finance/components/recon-class-badge';
import { i18next } from '@/lib/i18n';

afterEach(async () => {
  await act(() => i18next.changeLanguage('en'));
});

describe('ReconClassBadge', () => {
  it.each([
    ['matched', 'Matched', '已匹配'],
    ['missing_in_portal', 'Missing in the portal', '门户中缺失'],
    ['amount_mismatch', 'Amount mismatch', '金额不符'],
  ] as const)('words %s in English and Chinese', async (value, english, chinese) => {
    render(<ReconClassBadge value={value} />);
    expect(screen.getByText(english)).toBeTruthy();
    await act(() => i18next.changeLanguage('zh-CN'));
    expect(screen.getByText(chinese)).toBeTruthy();
  });

  it('gives every class words of its own', () => {
    const words = [...new Set([...RECON_CLASSES, ...EXCEPTION_CLASSES])].map((value) => {
      const { container, unmount } = render(<ReconClassBadge value={value} />);
      const text = container.textContent;
      unmount();
      return text;
    });
    expect(new Set(words).size).toBe(words.length);
  });
});

describe('ledger filters from the address', () => {
  it('reads valid filters and falls back to none for invalid ones', () => {
    expect(
      filtersFromSearch(new URLSearchParams('kind=refund&currency=usd&q=north&from=2026-01-01')),
    ).toEqual({
      from: '2026-01-01',
      to: '',
      kind: 'refund',
      status: '',
      currency: 'USD',
      q: 'north',
    });
    expect(filtersFromSearch(new URLSearchParams('from=2026-02-01&to=2026-01-01')).from).toBe('');
  });
});

describe('KPI periods', () => {
  it('offers the last 12 months, this and last year, and the next 90 days', () => {
    expect(presetPeriods('2026-11-23')).toEqual({
      last12: { from: '2025-11-24', to: '2026-11-23' },
      thisYear: { from: '2026-01-01', to: '2026-12-31' },
      lastYear: { from: '2025-01-01', to: '2025-12-31' },
      next90: { from: '2026-11-23', to: '2027-02-21' },
    });
  });
});
