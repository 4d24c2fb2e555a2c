// The language switch: a native select labelled "Language", each language named in itself.

import type { TLocale } from '@portal/shared/schemas/common';
import { useTranslation } from 'react-i18next';
import { SelectField } from '@/components/ui/select-field';
import { isLocale, LOCALES } from '@/lib/i18n';

export function LanguageSelect({ onChange }: { onChange: (locale: TLocale) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <SelectField
      className="language-select"
      label={t('app.language')}
      isLabelHidden
      value={i18n.language}
      options={LOCALES.map((locale) => ({ value: locale, label: t(`languages.${locale}`) }))}
      onChange={(event) => {
        if (isLocale(event.target.value)) onChange(event.target.value);
      }}
    />
  );
}
