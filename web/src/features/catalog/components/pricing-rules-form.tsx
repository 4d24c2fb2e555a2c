// Publishes a new version of the pricing rules. Percentages are typed as ops think of them and sent as whole
// basis points; the version it started from goes along, so two editors cannot overwrite each other.

import type { TPricingRules, TPricingRulesVersion } from '@portal/shared/schemas/offers';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { usePublishPricingRules } from '@/features/catalog/api/publish-pricing-rules';
import { basisPointsToPercent, percentToBasisPoints } from '@/features/catalog/utils/percent-input';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';

/** Each field of the form: a percentage (sent as basis points) or a whole number of days within limits. */
const FIELDS = {
  twoYears: { kind: 'percent' },
  threeYears: { kind: 'percent' },
  earlyRenewal: { kind: 'percent' },
  earlyRenewalDays: { kind: 'days', min: 0, max: 365 },
  upgradeIncentive: { kind: 'percent' },
  maxTotalDiscount: { kind: 'percent' },
  quoteValidityDays: { kind: 'days', min: 1, max: 90 },
  renewableDaysAfterTermEnd: { kind: 'days', min: 0, max: 3650 },
} as const satisfies Record<string, { kind: 'percent' } | { kind: 'days'; min: number; max: number }>;
type FieldName = keyof typeof FIELDS;
type Draft = Record<FieldName, string>;
const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

function parseField(name: FieldName, value: string): number | null {
  const spec: (typeof FIELDS)[FieldName] = FIELDS[name];
  if (spec.kind === 'percent') return percentToBasisPoints(value);
  if (!/^\d{1,4}$/.test(value.trim())) return null;
  const days = Number(value);
  return days >= spec.min && days <= spec.max ? days : null;
}

function toDraft(rules: TPricingRules): Draft {
  return {
    twoYears: basisPointsToPercent(rules.multiYear.twoYearsBp),
    threeYears: basisPointsToPercent(rules.multiYear.threeYearsBp),
    earlyRenewal: basisPointsToPercent(rules.earlyRenewal.discountBp),
    upgradeIncentive: basisPointsToPercent(rules.upgradeIncentiveBp),
    maxTotalDiscount: basisPointsToPercent(rules.maxTotalDiscountBp),
    earlyRenewalDays: String(rules.earlyRenewal.minDaysBeforeTermEnd),
    quoteValidityDays: String(rules.quoteValidityDays),
    renewableDaysAfterTermEnd: String(rules.renewableDaysAfterTermEnd),
  };
}

type PricingRulesFormProps = { current: TPricingRulesVersion; onPublished: (version: number) => void };

export function PricingRulesForm({ current, onPublished }: PricingRulesFormProps) {
  const { t } = useTranslation('catalog');
  const { t: tApp } = useTranslation();
  const publish = usePublishPricingRules();
  const [draft, setDraft] = useState<Draft>(() => toDraft(current.rules));
  const [note, setNote] = useState('');
  const [isSubmitted, setIsSubmitted] = useState(false);

  const parsed = Object.fromEntries(
    FIELD_NAMES.map((name) => [name, parseField(name, draft[name])]),
  ) as Record<FieldName, number | null>;
  const errorOf = (name: FieldName): string | undefined => {
    if (!isSubmitted || parsed[name] !== null) return undefined;
    const spec: (typeof FIELDS)[FieldName] = FIELDS[name];
    return spec.kind === 'percent' ? t('percentInvalid') : t('daysInvalid', { min: spec.min, max: spec.max });
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setIsSubmitted(true);
    const v = (name: FieldName) => parsed[name] ?? 0;
    if (FIELD_NAMES.some((name) => parsed[name] === null)) return;
    publish.mutate(
      {
        basedOnVersion: current.version,
        note: note.trim(),
        rules: {
          multiYear: { twoYearsBp: v('twoYears'), threeYearsBp: v('threeYears') },
          earlyRenewal: { minDaysBeforeTermEnd: v('earlyRenewalDays'), discountBp: v('earlyRenewal') },
          upgradeIncentiveBp: v('upgradeIncentive'),
          maxTotalDiscountBp: v('maxTotalDiscount'),
          quoteValidityDays: v('quoteValidityDays'),
          renewableDaysAfterTermEnd: v('renewableDaysAfterTermEnd'),
        },
      },
      {
        // The page remounts this form for the new version; it announces the publication.
        onSuccess: (published) => onPublished(published.version),
      },
    );
  }

  const field = (name: FieldName, hintKey?: 'capHint') => (
    <TextField
      label={t(`rules.${name}`)}
      hint={hintKey ? t(hintKey) : undefined}
      inputMode={FIELDS[name].kind === 'days' ? 'numeric' : 'decimal'}
      value={draft[name]}
      error={errorOf(name)}
      onChange={(event) => setDraft((previous) => ({ ...previous, [name]: event.target.value }))}
    />
  );

  const publishError = !publish.error
    ? null
    : isApiError(publish.error, 409)
      ? t('conflict')
      : apiErrorMessage(publish.error, tApp);

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p className="muted">{t('rulesIntro', { version: current.version })}</p>
      <fieldset className="rules-fieldset">
        <legend>{t('discounts')}</legend>
        <div className="rules-grid">
          {field('twoYears')}
          {field('threeYears')}
          {field('earlyRenewal')}
          {field('earlyRenewalDays')}
          {field('upgradeIncentive')}
          {field('maxTotalDiscount', 'capHint')}
        </div>
      </fieldset>
      <fieldset className="rules-fieldset">
        <legend>{t('quotesAndRenewability')}</legend>
        <div className="rules-grid">
          {field('quoteValidityDays')}
          {field('renewableDaysAfterTermEnd')}
        </div>
      </fieldset>
      <TextField
        label={t('note')}
        value={note}
        maxLength={500}
        onChange={(event) => setNote(event.target.value)}
      />
      {publishError ? <Alert tone="error">{publishError}</Alert> : null}
      <div className="form-row">
        <Button type="submit" isLoading={publish.isPending}>
          {t('publish', { version: current.version + 1 })}
        </Button>
        <p className="muted">{t('publishHint')}</p>
      </div>
    </form>
  );
}
