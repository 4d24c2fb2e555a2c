// One optional screen before auto-renew is turned off: why (a short list and free words), then, when ops
// configured one for that reason, the save offer shown once. Skipping or any failure here still turns
// auto-renew off: the reason never blocks the turn-off.

import type { TChurnReason, TSaveOffer } from '@portal/shared/schemas/retention';
import { CHURN_REASONS } from '@portal/shared/schemas/retention';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useDecideSaveOffer, useSubmitChurnFeedback } from '@/features/retention/api/churn-feedback';
import '@/features/retention/retention.css';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

type LeavingStepProps = {
  subscriptionId: string;
  /** The existing turn-off; called once the admin has answered (or skipped). */
  turnOff: () => Promise<void>;
  onCancel: () => void;
};

function SaveOfferPanel(props: {
  offer: TSaveOffer;
  feedbackId: string;
  subscriptionId: string;
  turnOff: () => Promise<void>;
}) {
  const { t } = useTranslation('retention');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const decide = useDecideSaveOffer(props.subscriptionId);
  const navigate = useNavigate();
  const { offer } = props;
  const accept = () =>
    decide.mutate(
      { feedbackId: props.feedbackId, decision: 'accept' },
      { onSuccess: (result) => (result.quoteId ? navigate(paths.quote(result.quoteId)) : undefined) },
    );
  const decline = () => {
    decide.mutate({ feedbackId: props.feedbackId, decision: 'decline' });
    void props.turnOff();
  };
  return (
    <section className="leaving-offer stack" aria-labelledby="leaving-offer-title">
      <h3 id="leaving-offer-title" className="leaving__title">
        {t('offer.title')}
      </h3>
      <p>
        {offer.kind === 'discount'
          ? t('offer.discount', {
              plan: offer.planName,
              seats: offer.seats,
              total: format.money(offer.total),
              list: format.money(offer.list),
            })
          : t('offer.downgrade', {
              plan: offer.planName,
              seats: offer.seats,
              total: format.money(offer.total),
            })}
      </p>
      <p className="muted">{t('offer.once')}</p>
      {decide.error ? <Alert tone="error">{apiErrorMessage(decide.error, tApp)}</Alert> : null}
      <div className="leaving__actions">
        <Button onClick={accept} isLoading={decide.isPending}>
          {t('offer.accept')}
        </Button>
        <Button variant="danger" onClick={decline} disabled={decide.isPending}>
          {t('offer.decline')}
        </Button>
      </div>
    </section>
  );
}

export function LeavingStep({ subscriptionId, turnOff, onCancel }: LeavingStepProps) {
  const { t } = useTranslation('retention');
  const submit = useSubmitChurnFeedback(subscriptionId);
  const [reason, setReason] = useState<TChurnReason | null>(null);
  const [comment, setComment] = useState('');
  const [offer, setOffer] = useState<{ offer: TSaveOffer; feedbackId: string } | null>(null);
  const commentId = useId();

  const proceed = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason) {
      await turnOff();
      return;
    }
    try {
      const result = await submit.mutateAsync({ context: 'auto_renew_off', reason, comment });
      if (result.saveOffer) {
        setOffer({ offer: result.saveOffer, feedbackId: result.feedbackId });
        return;
      }
    } catch {
      // The reason is optional: a failure to record it never stops the turn-off.
    }
    await turnOff();
  };

  if (offer) {
    return (
      <SaveOfferPanel
        offer={offer.offer}
        feedbackId={offer.feedbackId}
        subscriptionId={subscriptionId}
        turnOff={turnOff}
      />
    );
  }
  return (
    <form className="leaving stack" onSubmit={(event) => void proceed(event)} aria-labelledby="leaving-title">
      <h3 id="leaving-title" className="leaving__title">
        {t('title')}
      </h3>
      <fieldset className="leaving__reasons">
        <legend className="field__label">{t('reasonLegend')}</legend>
        {CHURN_REASONS.map((code) => (
          <label key={code} className="leaving__reason">
            <input
              type="radio"
              name="churn-reason"
              value={code}
              checked={reason === code}
              onChange={() => setReason(code)}
            />
            <span>{t(`reasons.${code}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={commentId}>
          {t('comment')}
        </label>
        <textarea
          id={commentId}
          className="field__input"
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>
      <div className="leaving__actions">
        <Button type="submit" variant="danger" isLoading={submit.isPending}>
          {t('turnOff')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('keep')}
        </Button>
      </div>
      <p className="muted">{t('optional')}</p>
    </form>
  );
}
