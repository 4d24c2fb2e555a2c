// Ops: one save offer per reason a customer gives for leaving — none, a discount on a 1-year renewal (the
// pricing rules' cap still applies), or a renewal with fewer seats. Saved all at once, audited by the server.

import { CHURN_REASONS, type TChurnReason, type TSaveOfferConfig } from '@portal/shared/schemas/retention';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { SelectField } from '@/components/ui/select-field';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { TextField } from '@/components/ui/text-field';
import { useSaveOffers, useUpdateSaveOffers } from '@/features/retention/api/save-offers';
import { apiErrorMessage } from '@/lib/api-error-message';

type Choice = 'none' | 'discount' | 'downgrade';
type Row = { choice: Choice; percent: string };
type Rows = Record<TChurnReason, Row>;

function toRows(offers: readonly TSaveOfferConfig[]): Rows {
  const rows = Object.fromEntries(CHURN_REASONS.map((r) => [r, { choice: 'none', percent: '' }])) as Rows;
  for (const offer of offers) {
    rows[offer.reason] = {
      choice: offer.isActive ? offer.kind : 'none',
      percent: offer.discountBp ? String(offer.discountBp / 100) : '',
    };
  }
  return rows;
}

/** Whole percent from 1 to 50, as basis points; null when the text is not one. */
function percentToBasisPoints(text: string): number | null {
  if (!/^\d{1,2}$/.test(text.trim())) return null;
  const percent = Number(text);
  return percent >= 1 && percent <= 50 ? percent * 100 : null;
}

export function SaveOffersForm() {
  const { t: tApp } = useTranslation();
  const query = useSaveOffers();
  if (query.isPending) return <SkeletonList label={tApp('app.loading')} rows={3} />;
  if (query.isError) {
    return (
      <ErrorState
        title={apiErrorMessage(query.error, tApp)}
        retryLabel={tApp('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return <Editor offers={query.data} />;
}

function Editor({ offers }: { offers: readonly TSaveOfferConfig[] }) {
  const { t } = useTranslation('retention');
  const { t: tApp } = useTranslation();
  const update = useUpdateSaveOffers();
  const [rows, setRows] = useState<Rows>(() => toRows(offers));
  const [invalid, setInvalid] = useState<TChurnReason[]>([]);
  const [saved, setSaved] = useState(false);

  const change = (reason: TChurnReason, next: Partial<Row>) => {
    setSaved(false);
    setRows((current) => ({ ...current, [reason]: { ...current[reason], ...next } }));
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const wrong = CHURN_REASONS.filter(
      (r) => rows[r].choice === 'discount' && percentToBasisPoints(rows[r].percent) === null,
    );
    setInvalid(wrong);
    if (wrong.length > 0) return;
    const chosen = CHURN_REASONS.filter((r) => rows[r].choice !== 'none');
    update.mutate(
      {
        offers: chosen.map((reason) => {
          const row = rows[reason];
          const kind = row.choice === 'discount' ? 'discount' : 'downgrade';
          return {
            reason,
            kind,
            discountBp: kind === 'discount' ? percentToBasisPoints(row.percent) : null,
            isActive: true,
          };
        }),
      },
      {
        onSuccess: (next) => {
          setRows(toRows(next));
          setSaved(true);
        },
      },
    );
  }

  return (
    <form className="stack" noValidate onSubmit={submit}>
      <p className="muted">{t('saveOffers.intro')}</p>
      {update.error ? <Alert tone="error">{apiErrorMessage(update.error, tApp)}</Alert> : null}
      <div className="save-offers">
        {CHURN_REASONS.map((reason) => (
          <fieldset key={reason} className="save-offers__row">
            <legend className="save-offers__reason">{t(`reasons.${reason}`)}</legend>
            <SelectField
              label={t('saveOffers.offer')}
              value={rows[reason].choice}
              options={(['none', 'discount', 'downgrade'] as const).map((choice) => ({
                value: choice,
                label: t(`saveOffers.choices.${choice}`),
              }))}
              onChange={(event) => change(reason, { choice: event.target.value as Choice })}
            />
            {rows[reason].choice === 'discount' ? (
              <TextField
                label={t('saveOffers.percent')}
                hint={t('saveOffers.percentHint')}
                inputMode="numeric"
                value={rows[reason].percent}
                error={invalid.includes(reason) ? t('saveOffers.percentInvalid') : undefined}
                onChange={(event) => change(reason, { percent: event.target.value })}
              />
            ) : null}
          </fieldset>
        ))}
      </div>
      <div>
        <Button type="submit" isLoading={update.isPending}>
          {t('saveOffers.save')}
        </Button>
      </div>
      <LiveRegion>{saved ? <Alert tone="success">{t('saveOffers.saved')}</Alert> : null}</LiveRegion>
    </form>
  );
}
