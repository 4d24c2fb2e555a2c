import { describe, expect, it } from 'vitest';
import { runSummary } from '@/features/auto-renew/components/run-summary';
import { i18next } from '@/lib/i18n';

describe('runSummary', () => {
  it('words one and many in English, and leaves out the step timings', () => {
    const t = i18next.getFixedT('en', 'autoRenew');
    expect(runSummary({ notices_sent: 1, reminders_sent: 2, ms_notices: 40 }, t)).toEqual([
      '1 notice sent',
      '2 reminders sent',
    ]);
    expect(runSummary({ charges_deferred: 1, needs_attention: 3 }, t)).toEqual([
      '1 charge held back',
      '3 need attention',
    ]);
  });

  it('has one form in Chinese', () => {
    const t = i18next.getFixedT('zh-CN', 'autoRenew');
    const [one, two] = [runSummary({ notices_sent: 1 }, t), runSummary({ notices_sent: 2 }, t)];
    expect(one[0]).toContain('1');
    expect(two[0]).toContain('2');
    expect(one[0]?.replace('1', 'N')).toBe(two[0]?.replace('2', 'N'));
  });
});
