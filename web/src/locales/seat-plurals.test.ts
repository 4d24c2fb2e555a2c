// "{{seats}} seats" reads "1 seat" for one (issue 14 item 7): every English string that puts one number
// before "seats" (not a range such as "{{from}} to {{to}} seats") is a plural pair chosen by i18next's
// `count`, and Chinese has its one form. The retention offer and the auto-renew lead render both ways.

import i18next from 'i18next';
import { describe, expect, it } from 'vitest';

const files = import.meta.glob<Record<string, unknown>>('./*.json', { eager: true, import: 'default' });

/** [path, text] of every leaf. */
function entries(resource: object, prefix = ''): [string, string][] {
  return Object.entries(resource).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? entries(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(value)] as [string, string]],
  );
}

/** One number, then "seat(s)": not the end of a range ("to", "→", "–" before it). */
const ONE_NUMBER_THEN_SEATS = /(?<!(?:to|→|–|-)\s?)\{\{\w+\}\} seats?\b/;

const english = Object.entries(files).filter(([file]) => /(?:^\.\/|\.)en\.json$/.test(file));

describe('seat counts in English', () => {
  it('finds the strings to check (the check can fail)', () => {
    const all = english.flatMap(([, catalogue]) => entries(catalogue));
    expect(all.filter(([, text]) => ONE_NUMBER_THEN_SEATS.test(text)).length).toBeGreaterThanOrEqual(8);
    expect(ONE_NUMBER_THEN_SEATS.test('From {{from}} to {{to}} seats')).toBe(false);
    expect(ONE_NUMBER_THEN_SEATS.test('{{plan}} · {{seats}} seats')).toBe(true);
  });

  it.each(english)('%s: every "{{n}} seats" is a _one/_other pair chosen by count', (_file, catalogue) => {
    const leaves = new Map(entries(catalogue));
    const offending: string[] = [];
    for (const [path, text] of leaves) {
      if (!ONE_NUMBER_THEN_SEATS.test(text)) continue;
      const base = path.replace(/_(one|other)$/, '');
      const one = leaves.get(`${base}_one`);
      const other = leaves.get(`${base}_other`);
      if (!one || !other || !/\bseat\b/.test(one) || !/\bseats\b/.test(other)) offending.push(path);
    }
    expect(offending).toEqual([]);
  });
});

describe('the retention offer and the auto-renew lead', () => {
  const catalogue = (name: string) => files[`./${name}`] ?? {};
  async function translator(lng: 'en' | 'zh-CN') {
    const instance = i18next.createInstance();
    await instance.init({
      lng,
      resources: {
        [lng]: {
          retention: catalogue(`retention.${lng}.json`),
          autoRenew: catalogue(`auto-renew.${lng}.json`),
        },
      },
      interpolation: { escapeValue: false },
    });
    return instance;
  }
  const offer = { plan: 'Starter', total: '$400.00', list: '$480.00' };

  it('say "1 seat" and "3 seats" in English', async () => {
    const i18n = await translator('en');
    expect(i18n.t('retention:offer.discount', { ...offer, count: 1, seats: 1 })).toBe(
      'Renew Starter for 1 seat for 1 year at $400.00 instead of $480.00.',
    );
    expect(i18n.t('retention:offer.downgrade', { ...offer, count: 3, seats: 3 })).toBe(
      'Renew Starter with fewer seats: 3 seats for 1 year at $400.00.',
    );
    expect(i18n.t('autoRenew:lead', { plan: 'Starter', count: 1, seats: 1, lastDay: 'Jan 25, 2027' })).toBe(
      'Starter · 1 seat · last day of service Jan 25, 2027',
    );
  });

  it('have one form in Chinese', async () => {
    const i18n = await translator('zh-CN');
    expect(i18n.t('retention:offer.discount', { ...offer, count: 1, seats: 1 })).toContain('1 个席位');
    expect(i18n.t('autoRenew:lead', { plan: 'Starter', count: 12, seats: 12, lastDay: 'x' })).toContain(
      '12 个席位',
    );
  });
});
