// Country and state pickers' options in the viewer's language: country names from Intl.DisplayNames, sorted
// by that language's collation; subdivisions from the places catalogue for the countries that list them.

import { COUNTRY_CODES, SUBDIVISIONS } from '@portal/shared/places';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

type Option = { value: string; label: string };

export function useCountryOptions(): Option[] {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(language);
    return COUNTRY_CODES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort((a, b) =>
      collator.compare(a.label, b.label),
    );
  }, [language]);
}

/** The country's subdivisions as options, or null when the country takes a free-text region. */
export function useRegionOptions(country: string): Option[] | null {
  const { t, i18n } = useTranslation('places');
  const language = i18n.language;
  return useMemo(() => {
    const codes = SUBDIVISIONS[country];
    if (!codes) return null;
    const collator = new Intl.Collator(language);
    return codes
      .map((code) => ({ value: code, label: t(`subdivisions.${country}.${code}` as 'subdivisions.US.CA') }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [country, language, t]);
}
