// Where the automatic renewal stands: on or off, the next charge (amount, date, card, quote), what happened
// to the last attempt, the notices, and the one-click "turn off" (until the charge starts).

import { addDays } from '@portal/shared/dates';
import type { TAutoRenewState, TRenewalPlan } from '@portal/shared/schemas/auto-renew';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useUpdateAutoRenew } from '@/features/auto-renew/api/update-auto-renew';
import { cardName } from '@/features/auto-renew/components/card-panel';
import { NoticeList } from '@/features/auto-renew/components/notice-list';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

function StateNote({ renewal, subscriptionId }: { renewal: TRenewalPlan; subscriptionId: string }) {
  const { t } = useTranslation('autoRenew');
  const format = useFormat();
  const reason = renewal.lastError?.message ?? '';
  switch (renewal.state) {
    case 'deferred':
      return (
        <Alert tone="info">
          {renewal.deferredUntil
            ? t('status.states.deferred', { date: format.date(renewal.deferredUntil) })
            : t('status.states.deferredNoDate')}
        </Alert>
      );
    case 'charging':
      return <Alert tone="info">{t('status.states.charging')}</Alert>;
    case 'retrying':
      return (
        <Alert tone="error">
          {t('status.states.retrying', {
            reason: renewal.lastError?.code.replaceAll('_', ' ') ?? '',
            date: renewal.nextAttemptDate ? format.date(renewal.nextAttemptDate) : '',
          })}
        </Alert>
      );
    case 'requires_action':
      return (
        <Alert tone="error">
          <p>{t('status.states.requiresAction')}</p>
          {renewal.quote ? (
            <p>
              <Link className="button button--primary" to={paths.quote(renewal.quote.id)}>
                {t('status.states.confirmPayment')}
              </Link>
            </p>
          ) : null}
        </Alert>
      );
    case 'needs_attention':
      return (
        <Alert tone="error">
          <p>{t('status.states.needsAttention', { reason })}</p>
          <p>
            <Link to={paths.offers(subscriptionId)}>{t('status.renewByHand')}</Link>
          </p>
        </Alert>
      );
    case 'failed':
    case 'expired':
      return (
        <Alert tone="error">
          <p>{t(renewal.state === 'failed' ? 'status.states.failed' : 'status.states.expired')}</p>
          <p>
            <Link to={paths.offers(subscriptionId)}>{t('status.renewByHand')}</Link>
          </p>
        </Alert>
      );
    default:
      return null;
  }
}

/** A step the page puts before the turn-off (e.g. asking why); it calls `turnOff` or `cancel`. */
export type BeforeTurnOff = (turnOff: () => Promise<void>, cancel: () => void) => ReactNode;

type RenewalStatusProps = {
  state: TAutoRenewState;
  canManage: boolean;
  onDone: (message: string) => void;
  beforeTurnOff?: BeforeTurnOff | undefined;
};

export function RenewalStatus({ state, canManage, onDone, beforeTurnOff }: RenewalStatusProps) {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const update = useUpdateAutoRenew(state.subscription.id);
  const renewal = state.renewal;
  const isLive = state.enabled && renewal && renewal.state !== 'cancelled';
  const [isAsking, setAsking] = useState(false);
  const turnOff = () =>
    update
      .mutateAsync({ enabled: false })
      .then(() => onDone(t('status.turnedOff')))
      .catch(() => {})
      .finally(() => setAsking(false));

  return (
    <div className="stack">
      <p>
        {state.enabled ? (
          <Badge tone="success">{t('status.on', { count: state.termYears ?? 1 })}</Badge>
        ) : (
          <Badge tone="neutral">{t('status.off')}</Badge>
        )}
      </p>
      {isLive && renewal.amount ? (
        <>
          <p>
            <strong>
              {state.card
                ? t('status.nextChargeCard', {
                    amount: format.money(renewal.amount),
                    date: format.date(renewal.chargeDate),
                    card: t('card.saved', { brand: cardName(state.card), last4: state.card.last4 }),
                  })
                : t('status.nextCharge', {
                    amount: format.money(renewal.amount),
                    date: format.date(renewal.chargeDate),
                  })}
            </strong>
          </p>
          {renewal.newTermEnd ? (
            <p className="muted">
              {t('status.newTerm', { date: format.date(addDays(renewal.newTermEnd, -1)) })}
            </p>
          ) : null}
          {renewal.quote ? (
            <p className="muted">{t('status.quote', { number: renewal.quote.number })}</p>
          ) : null}
        </>
      ) : null}
      {isLive ? <StateNote renewal={renewal} subscriptionId={state.subscription.id} /> : null}
      {isLive ? (
        <div>
          <h3 className="field__label">{t('notices.title')}</h3>
          <NoticeList notices={renewal.notices} />
          <p className="muted">{t('notices.policy', { policy: state.policy.label })}</p>
        </div>
      ) : null}
      {state.enabled && canManage ? (
        <>
          {update.error ? <Alert tone="error">{apiErrorMessage(update.error, tApp)}</Alert> : null}
          {isAsking && beforeTurnOff ? (
            beforeTurnOff(turnOff, () => setAsking(false))
          ) : (
            <div>
              <Button
                variant="danger"
                disabled={!state.canTurnOff}
                isLoading={update.isPending}
                onClick={() => (beforeTurnOff ? setAsking(true) : void turnOff())}
              >
                {t('status.turnOff')}
              </Button>
            </div>
          )}
        </>
      ) : null}
      {!canManage ? <p className="muted">{t('status.memberNote')}</p> : null}
    </div>
  );
}
