import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '@/lib/format';

describe('formatTimestamp', () => {
  it('names the time zone in both languages', () => {
    expect(formatTimestamp('2026-11-23T12:00:00Z', 'en', 'UTC')).toBe('Nov 23, 2026, 12:00 PM UTC');
    expect(formatTimestamp('2026-11-23T12:00:00Z', 'zh-CN', 'UTC')).toBe('2026年11月23日 UTC 12:00');
    expect(formatTimestamp('2026-11-23T12:00:00Z', 'en', 'Asia/Shanghai')).toMatch(/8:00 PM GMT\+8$/);
  });
});
