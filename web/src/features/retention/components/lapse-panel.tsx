// "Let the renewal lapse" on a subscription's page (decision 024). A standing decision reads "Will end on …,
// you chose not to renew", with Undo for admins (reminders resume; auto-renew stays off, it needs its own
// consent). Otherwise admins may decide it: the reason screen (optional) and the save offer, once, come first,
// then the decision is recorded. Members see only a standing decision.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LiveRegion } from '@/components/ui/live-region';
import { useLapse, useLetLapse, useUndoLapse } from '@/features/retention/api/lapse';
import { LeavingStep } from '@/features/retention/components/leaving-step';
import '@/features/retention/retention.css';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

export function LapsePanel({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation('retention');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useLapse(subscriptionId);
  const letLapse = useLetLapse(subscriptionId);
  const undo = useUndoLapse(subscriptionId);
  const [isAsking, setIsAsking] = useState(false);
  const [done, setDone] = useState<'lapsed' | 'undone' | null>(null);

  // Nothing to show while loading or when the state cannot be read: the page works without this panel.
  if (!query.data) {
    return query.isError ? <Alert tone="error">{t('lapse.loadFailed')}</Alert> : null;
  }
  const { lapse, cannotLapse, canManage } = query.data;
  const error = letLapse.error ?? undo.error;
  const status = (
    <LiveRegion>
      {done ? <Alert tone="success">{t(done === 'lapsed' ? 'lapse.recorded' : 'lapse.undone')}</Alert> : null}
    </LiveRegion>
  );

  const body = (() => {
    if (lapse) {
      return (
        <section className="lapse stack" aria-labelledby="lapse-title">
          <h2 id="lapse-title" className="lapse__title">
            {t('lapse.endsOn', { date: format.date(lapse.lastDay) })}
          </h2>
          <p className="muted">
            {t('lapse.decidedBy', { who: lapse.decidedBy, when: format.timestamp(lapse.decidedAt) })}
          </p>
          {lapse.turnedOffAutoRenew ? <p>{t('lapse.autoRenewStaysOff')}</p> : null}
          {error ? <Alert tone="error">{apiErrorMessage(error, tApp)}</Alert> : null}
          {canManage ? (
            <div className="leaving__actions">
              <Button
                variant="secondary"
                isLoading={undo.isPending}
                onClick={() => undo.mutate(undefined, { onSuccess: () => setDone('undone') })}
              >
                {t('lapse.undo')}
              </Button>
            </div>
          ) : null}
        </section>
      );
    }
    if (!canManage || cannotLapse) return null;
    if (isAsking) {
      return (
        <>
          {error ? <Alert tone="error">{apiErrorMessage(error, tApp)}</Alert> : null}
          <LeavingStep
            subscriptionId={subscriptionId}
            context="lapse"
            turnOff={async (feedbackId) => {
              await letLapse.mutateAsync(feedbackId).then(
                () => setDone('lapsed'),
                () => {},
              );
              setIsAsking(false);
            }}
            onCancel={() => setIsAsking(false)}
          />
        </>
      );
    }
    return (
      <section className="lapse lapse--offer stack" aria-labelledby="lapse-title">
        <h2 id="lapse-title" className="lapse__title">
          {t('lapse.heading')}
        </h2>
        <p className="muted">{t('lapse.intro')}</p>
        {error ? <Alert tone="error">{apiErrorMessage(error, tApp)}</Alert> : null}
        <div className="leaving__actions">
          <Button variant="secondary" onClick={() => setIsAsking(true)}>
            {t('lapse.start')}
          </Button>
        </div>
      </section>
    );
  })();
  return (
    <>
      {status}
      {body}
    </>
  );
}
