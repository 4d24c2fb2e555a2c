// One optional screen before auto-renew is turned off or a renewal is let lapse: why (a short list and free
// words), then, when ops configured one for that reason, the save offer shown once. Skipping or any failure
// here still completes the step: the reason never blocks it.

import type { TChurnContext, TChurnReason, TSaveOffer } from '@portal/shared/schemas/retention';
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

/** What the admin is doing: turning auto-renew off, or letting the renewal lapse (each has its words). */
type Leaving = TChurnContext;

type LeavingStepProps = {
  subscriptionId: string;
  /** 'auto_renew_off' by default. */
  context?: Leaving;
  /** The step itself; called once the admin has answered (or skipped), with the reason's id when one was kept. */
  turnOff: (feedbackId: string | null) => Promise<void>;
  onCancel: () => void;
};

/** The catalogue keys of the words that differ between the two contexts. */
function wordsOf(context: Leaving) {
  return context === 'lapse'
    ? ({
        title: 'lapse.title',
        confirm: 'lapse.confirm',
        keep: 'lapse.keep',
        optional: 'lapse.optional',
        decline: 'lapse.decline',
      } as const)
    : ({
        title: 'title',
        confirm: 'turnOff',
        keep: 'keep',
        optional: 'optional',
        decline: 'offer.decline',
      } as const);
}

function SaveOfferPanel(props: {
  offer: TSaveOffer;
  feedbackId: string;
  subscriptionId: string;
  context: Leaving;
  turnOff: (feedbackId: string | null) => Promise<void>;
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
    void props.turnOff(props.feedbackId);
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
              count: offer.seats,
              seats: offer.seats,
              total: format.money(offer.total),
              list: format.money(offer.list),
            })
          : t('offer.downgrade', {
              plan: offer.planName,
              count: offer.seats,
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
          {t(wordsOf(props.context).decline)}
        </Button>
      </div>
    </section>
  );
}

export function LeavingStep({
  subscriptionId,
  context = 'auto_renew_off',
  turnOff,
  onCancel,
}: LeavingStepProps) {
  const { t } = useTranslation('retention');
  const words = wordsOf(context);
  const submit = useSubmitChurnFeedback(subscriptionId);
  const [reason, setReason] = useState<TChurnReason | null>(null);
  const [comment, setComment] = useState('');
  const [offer, setOffer] = useState<{ offer: TSaveOffer; feedbackId: string } | null>(null);
  const commentId = useId();

  const proceed = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason) {
      await turnOff(null);
      return;
    }
    let feedbackId: string | null = null;
    try {
      const result = await submit.mutateAsync({ context, reason, comment });
      if (result.saveOffer) {
        setOffer({ offer: result.saveOffer, feedbackId: result.feedbackId });
        return;
      }
      feedbackId = result.feedbackId;
    } catch {
      // The reason is optional: a failure to record it never stops the step.
    }
    await turnOff(feedbackId);
  };

  if (offer) {
    return (
      <SaveOfferPanel
        offer={offer.offer}
        feedbackId={offer.feedbackId}
        subscriptionId={subscriptionId}
        context={context}
        turnOff={turnOff}
      />
    );
  }
  return (
    <form className="leaving stack" onSubmit={(event) => void proceed(event)} aria-labelledby="leaving-title">
      <h3 id="leaving-title" className="leaving__title">
        {t(words.title)}
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
          {t(words.confirm)}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t(words.keep)}
        </Button>
      </div>
      <p className="muted">{t(words.optional)}</p>
    </form>
  );
}
