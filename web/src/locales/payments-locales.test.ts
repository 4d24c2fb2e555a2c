import { describe, expect, it } from 'vitest';
import invoicesEn from '@/locales/invoices.en.json';
import invoicesZh from '@/locales/invoices.zh-CN.json';
import paymentsEn from '@/locales/payments.en.json';
import paymentsZh from '@/locales/payments.zh-CN.json';

/** Leaf keys, with plural suffixes folded (Chinese has only `_other`). */
function keys(resource: object, prefix = ''): string[] {
  return Object.entries(resource).flatMap(([key, value]) => {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    return typeof value === 'object' && value !== null ? keys(value, `${path}.`) : [path];
  });
}

describe('payments and invoices translations', () => {
  it.each([
    ['payments', paymentsEn, paymentsZh],
    ['invoices', invoicesEn, invoicesZh],
  ])('%s has the same keys in English and Simplified Chinese', (_name, en, zh) => {
    expect([...new Set(keys(zh))].sort()).toEqual([...new Set(keys(en))].sort());
  });
});
