// Turning auto-renew on (or changing its term): pick the term, read the exact terms (amount, date, card,
// notice dates, how to turn it off), tick that you agree, confirm. The server checks the terms are the ones
// shown (their hash) and keeps them with the consent.

import { addDays } from '@portal/shared/dates';
import type { TAutoRenewOption, TAutoRenewState } from '@portal/shared/schemas/auto-renew';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useUpdateAutoRenew } from '@/features/auto-renew/api/update-auto-renew';
import { NoticeList } from '@/features/auto-renew/components/notice-list';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

type ConsentFormProps = { state: TAutoRenewState; onDone: (message: string) => void };

export function ConsentForm({ state, onDone }: ConsentFormProps) {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const update = useUpdateAutoRenew(state.subscription.id);
  const isChange = state.enabled;
  const choices = isChange ? state.options.filter((o) => o.termYears !== state.termYears) : state.options;
  const [termYears, setTermYears] = useState<number>(choices[0]?.termYears ?? 1);
  const [hasAgreed, setHasAgreed] = useState(false);
  const option: TAutoRenewOption | undefined = choices.find((o) => o.termYears === termYears) ?? choices[0];
  if (!option) return null;

  const submit = async () => {
    if (!option.terms) return;
    // Awaited rather than a per-call callback: the new state re-creates this form before it would run.
    const message = isChange ? t('status.termChanged') : t('status.turnedOn');
    try {
      await update.mutateAsync({
        enabled: true,
        termYears: option.termYears,
        consent: { termsHash: option.terms.hash, accepted: true },
      });
      onDone(message);
    } catch {
      // Shown from update.error.
    }
  };

  return (
    <div className="stack">
      <fieldset className="auto-renew-options">
        <legend className="field__label">{t('turnOn.termLegend')}</legend>
        {choices.map((choice) => (
          <label key={choice.termYears} className="auto-renew-option">
            <input
              type="radio"
              name="auto-renew-term"
              value={choice.termYears}
              checked={choice.termYears === option.termYears}
              onChange={() => {
                setTermYears(choice.termYears);
                setHasAgreed(false);
              }}
            />
            <span>
              <strong>
                {t('turnOn.option', { count: choice.termYears, amount: format.money(choice.amount) })}
              </strong>
              <br />
              <span className="muted">
                {t('turnOn.chargeOn', {
                  date: format.date(choice.chargeDate),
                  end: format.date(addDays(choice.newTermEnd, -1)),
                })}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div>
        <h3 className="field__label">{t('notices.title')}</h3>
        <NoticeList notices={option.notices} />
      </div>
      {option.terms ? (
        <>
          <h3 className="field__label">{t('turnOn.termsTitle')}</h3>
          <p className="auto-renew-terms">{option.terms.text}</p>
          <label className="auto-renew-check">
            <input
              type="checkbox"
              checked={hasAgreed}
              onChange={(event) => setHasAgreed(event.target.checked)}
            />
            <span>{t('turnOn.agree')}</span>
          </label>
        </>
      ) : (
        <Alert tone="info">{t('turnOn.needCard')}</Alert>
      )}
      {update.error ? <Alert tone="error">{apiErrorMessage(update.error, tApp)}</Alert> : null}
      <div>
        <Button
          disabled={!option.terms || !hasAgreed}
          isLoading={update.isPending}
          onClick={() => void submit()}
        >
          {isChange ? t('turnOn.submitChange', { count: option.termYears }) : t('turnOn.submit')}
        </Button>
      </div>
    </div>
  );
}
