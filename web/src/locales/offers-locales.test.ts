import { describe, expect, it } from 'vitest';
import catalogEn from '@/locales/catalog.en.json';
import catalogZh from '@/locales/catalog.zh-CN.json';
import offersEn from '@/locales/offers.en.json';
import offersZh from '@/locales/offers.zh-CN.json';

/** Leaf keys, with plural suffixes folded (Chinese has only `_other`). */
function keys(resource: object, prefix = ''): string[] {
  return Object.entries(resource).flatMap(([key, value]) => {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    return typeof value === 'object' && value !== null ? keys(value, `${path}.`) : [path];
  });
}

describe('offers and catalog translations', () => {
  it.each([
    ['offers', offersEn, offersZh],
    ['catalog', catalogEn, catalogZh],
  ])('%s has the same keys in English and Simplified Chinese', (_name, en, zh) => {
    expect([...new Set(keys(zh))].sort()).toEqual([...new Set(keys(en))].sort());
  });
});
