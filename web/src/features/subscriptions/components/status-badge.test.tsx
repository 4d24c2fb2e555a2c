import { SUBSCRIPTION_STATUSES } from '@portal/shared/status';
import { render, screen } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { StatusBadge } from '@/features/subscriptions/components/status-badge';
import { i18next } from '@/lib/i18n';

describe('StatusBadge', () => {
  it.each([
    ['active', 'Active', '有效'],
    ['renewal_open', 'Renewal open', '可续订'],
    ['expiring', 'Expiring', '即将到期'],
    ['grace', 'In grace period', '宽限期内'],
    ['expired', 'Expired', '已过期'],
    ['cancelled', 'Cancelled', '已取消'],
  ] as const)('names %s in words, in English and Chinese', async (status, english, chinese) => {
    render(<StatusBadge status={status} />);
    expect(screen.getByText(english)).toBeTruthy();
    await act(() => i18next.changeLanguage('zh-CN'));
    expect(screen.getByText(chinese)).toBeTruthy();
  });

  it('gives each status its own tone class besides its text', () => {
    const tones = SUBSCRIPTION_STATUSES.map((status) => {
      const { container, unmount } = render(<StatusBadge status={status} />);
      const className = container.firstElementChild?.className ?? '';
      unmount();
      return className;
    });
    expect(new Set(tones).size).toBe(SUBSCRIPTION_STATUSES.length);
  });
});
