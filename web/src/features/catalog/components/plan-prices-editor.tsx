// One plan's per-seat yearly prices, editable per currency as major-unit decimals (480.00, 72000 for JPY),
// with its recent changes. Only changed prices are sent; the server converts them exactly.

import { currencyExponent, formatMinorAsDecimal } from '@portal/shared/money';
import type { TOpsCatalogPlan } from '@portal/shared/schemas/offers';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LiveRegion } from '@/components/ui/live-region';
import { TextField } from '@/components/ui/text-field';
import { useUpdatePlanPrices } from '@/features/catalog/api/update-plan-prices';
import { ApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

const HISTORY_SHOWN = 5;

function isAmountFor(value: string, currency: string): boolean {
  const exponent = currencyExponent(currency);
  const pattern = exponent === 0 ? /^\d{1,9}$/ : new RegExp(`^\\d{1,9}(\\.\\d{1,${exponent}})?$`);
  return pattern.test(value.trim()) && Number(value) > 0;
}

export function PlanPricesEditor({ plan }: { plan: TOpsCatalogPlan }) {
  const { t } = useTranslation('catalog');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const update = useUpdatePlanPrices(plan.code);
  const saved = Object.fromEntries(
    plan.prices.map((p) => [p.currency, formatMinorAsDecimal(p.amountMinor, p.currency)]),
  );
  const [draft, setDraft] = useState<Record<string, string>>(saved);
  const [notice, setNotice] = useState<string | null>(null);
  const [isSubmitted, setIsSubmitted] = useState(false);

  const invalid = plan.prices.filter((p) => !isAmountFor(draft[p.currency] ?? '', p.currency));
  const changed = plan.prices.filter((p) => (draft[p.currency] ?? '').trim() !== saved[p.currency]);
  const serverFields = update.error instanceof ApiError ? update.error.fields : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    setIsSubmitted(true);
    setNotice(null);
    if (invalid.length || !changed.length) return;
    const prices = changed.map((p) => ({ currency: p.currency, amount: (draft[p.currency] ?? '').trim() }));
    update.mutate({ prices }, { onSuccess: () => setNotice(t('pricesSaved', { plan: plan.name })) });
  }

  return (
    <form className="plan-prices" onSubmit={submit} noValidate aria-labelledby={`plan-${plan.code}`}>
      <h3 id={`plan-${plan.code}`} className="plan-prices__title">
        {plan.name}{' '}
        <span className="muted plan-prices__bounds">
          {t('seatBounds', { min: plan.minSeats, max: plan.maxSeats })}
        </span>
      </h3>
      <div className="plan-prices__fields">
        {plan.prices.map((price, index) => {
          const value = draft[price.currency] ?? '';
          const clientError =
            isSubmitted && !isAmountFor(value, price.currency)
              ? t('amountInvalid', { count: currencyExponent(price.currency) })
              : undefined;
          return (
            <TextField
              key={price.currency}
              label={t('priceLabel', { currency: price.currency })}
              inputMode="decimal"
              value={value}
              error={clientError ?? serverFields[`prices.${index}.amount`]}
              onChange={(event) =>
                setDraft((previous) => ({ ...previous, [price.currency]: event.target.value }))
              }
            />
          );
        })}
      </div>
      {update.isError && !Object.keys(serverFields).length ? (
        <Alert tone="error">{apiErrorMessage(update.error, tApp)}</Alert>
      ) : null}
      <div className="form-row">
        <Button type="submit" variant="secondary" isLoading={update.isPending} disabled={!changed.length}>
          {t('savePrices', { plan: plan.name })}
        </Button>
        <p className="muted">{t('quotesUntouched')}</p>
      </div>
      <LiveRegion>{notice ? <Alert tone="success">{notice}</Alert> : null}</LiveRegion>
      {plan.history.length ? (
        <details className="plan-prices__history">
          <summary>{t('history')}</summary>
          <ul>
            {plan.history.slice(0, HISTORY_SHOWN).map((change) => (
              <li key={`${change.currency}-${change.effectiveAt}-${change.amountMinor}`}>
                {change.previousAmountMinor === null
                  ? t('historyFirst', {
                      date: format.timestamp(change.effectiveAt),
                      amount: format.money({ amountMinor: change.amountMinor, currency: change.currency }),
                      by: change.changedBy,
                    })
                  : t('historyChange', {
                      date: format.timestamp(change.effectiveAt),
                      from: format.money({
                        amountMinor: change.previousAmountMinor,
                        currency: change.currency,
                      }),
                      to: format.money({ amountMinor: change.amountMinor, currency: change.currency }),
                      by: change.changedBy,
                    })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </form>
  );
}
