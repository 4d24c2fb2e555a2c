import { COUNTRY_CODES, SUBDIVISIONS } from '@portal/shared/places';
import { describe, expect, it } from 'vitest';
import placesEn from '@/locales/places.en.json';
import placesZh from '@/locales/places.zh-CN.json';

const catalogues = { en: placesEn.subdivisions, 'zh-CN': placesZh.subdivisions } as Record<
  string,
  Record<string, Record<string, string>>
>;

describe('places', () => {
  it.each(Object.keys(catalogues))(
    'names every listed state or province in %s, and nothing else',
    (language) => {
      const names = catalogues[language] ?? {};
      expect(Object.keys(names).sort()).toEqual(Object.keys(SUBDIVISIONS).sort());
      for (const [country, codes] of Object.entries(SUBDIVISIONS)) {
        expect(Object.keys(names[country] ?? {}).sort()).toEqual([...codes].sort());
        for (const name of Object.values(names[country] ?? {})) expect(name.trim()).not.toBe('');
      }
    },
  );

  it('has a name for every country code in both languages', () => {
    for (const language of ['en', 'zh-CN']) {
      const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
      const unnamed = COUNTRY_CODES.filter((code) => !names.of(code));
      expect(unnamed).toEqual([]);
    }
  });
});
