import { describe, expect, it } from 'vitest';
import autoRenewEn from '@/locales/auto-renew.en.json';
import autoRenewZh from '@/locales/auto-renew.zh-CN.json';

/** Leaf keys, with plural suffixes folded (Chinese has only `_other`). */
function keys(resource: object, prefix = ''): string[] {
  return Object.entries(resource).flatMap(([key, value]) => {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    return typeof value === 'object' && value !== null ? keys(value, `${path}.`) : [path];
  });
}

describe('auto-renew, mailbox and clock translations', () => {
  it('have the same keys in English and Simplified Chinese', () => {
    expect([...new Set(keys(autoRenewZh))].sort()).toEqual([...new Set(keys(autoRenewEn))].sort());
  });
});
