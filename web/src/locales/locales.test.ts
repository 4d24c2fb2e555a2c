import { describe, expect, it } from 'vitest';
import en from '@/locales/en.json';
import zhCN from '@/locales/zh-CN.json';

/** Leaf keys, with plural suffixes folded (Chinese has only `_other`). */
function keys(resource: object, prefix = ''): string[] {
  return Object.entries(resource).flatMap(([key, value]) => {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    return typeof value === 'object' && value !== null ? keys(value, `${path}.`) : [path];
  });
}

describe('translations', () => {
  it('have the same keys in English and Simplified Chinese', () => {
    expect([...new Set(keys(zhCN))].sort()).toEqual([...new Set(keys(en))].sort());
  });
});
