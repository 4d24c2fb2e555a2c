import { describe, expect, it } from 'vitest';
import financeEn from '@/locales/finance.en.json';
import financeZh from '@/locales/finance.zh-CN.json';

/** Leaf keys, with plural suffixes folded (Chinese has only `_other`). */
function keys(resource: object, prefix = ''): string[] {
  return Object.entries(resource).flatMap(([key, value]) => {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    return typeof value === 'object' && value !== null ? keys(value, `${path}.`) : [path];
  });
}

describe('finance translations', () => {
  it('has the same keys in English and Simplified Chinese', () => {
    expect([...new Set(keys(financeZh))].sort()).toEqual([...new Set(keys(financeEn))].sort());
  });
});
