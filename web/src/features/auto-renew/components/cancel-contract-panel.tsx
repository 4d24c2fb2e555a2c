// A consumer's "Cancel contract" in two steps (decision 017). Shown only where the law gives the right (or
// once used). Step one asks the server afresh for the last day of service and the refund and shows them in a
// dialog; step two confirms exactly those figures. A 409 means they changed meanwhile: the new ones are shown
// and must be confirmed again. Members see the right but only admins can use it.

import { addDays } from '@portal/shared/dates';
import type { TCancellationOffer } from '@portal/shared/schemas/cancellation';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { LiveRegion } from '@/components/ui/live-region';
import { useCancelContract, useCancellation } from '@/features/auto-renew/api/cancellation';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

type Step = { kind: 'idle' } | { kind: 'confirming'; offer: TCancellationOffer };

export function CancelContractPanel({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useCancellation(subscriptionId);
  const cancel = useCancelContract(subscriptionId);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [notice, setNotice] = useState<{ tone: 'success' | 'error' | 'info'; text: string } | null>(null);

  const offer = query.data;
  if (!offer || (!offer.right && !offer.cancelled)) return null;

  const figures = (o: TCancellationOffer) => ({
    lastDay: o.lastDay ? format.date(o.lastDay) : '',
    refund: o.refund ? format.money(o.refund) : '',
  });

  const startStepOne = async () => {
    setNotice(null);
    cancel.reset();
    const fresh = await query.refetch();
    if (fresh.data?.right) setStep({ kind: 'confirming', offer: fresh.data });
    else if (fresh.isError) setNotice({ tone: 'error', text: apiErrorMessage(fresh.error, tApp) });
  };

  const confirm = (shown: TCancellationOffer) => {
    if (!shown.lastDay || !shown.refund) return;
    cancel.mutate(
      { lastDay: shown.lastDay, refundMinor: shown.refund.amountMinor, confirm: true },
      {
        onSuccess: () => {
          setStep({ kind: 'idle' });
          setNotice({ tone: 'success', text: t('cancel.done') });
        },
        onError: async (error) => {
          if (!isApiError(error, 409)) return;
          const fresh = await query.refetch();
          if (fresh.data?.right) setStep({ kind: 'confirming', offer: fresh.data });
          setNotice({ tone: 'info', text: t('cancel.changed') });
        },
      },
    );
  };

  const refundState = offer.cancelled?.refundState;
  return (
    <Card title={t('cancel.title')} className="auto-renew-grid__wide">
      <div className="stack">
        <LiveRegion>{notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}</LiveRegion>
        {offer.cancelled ? (
          <>
            <p>
              <strong>
                {t('cancel.cancelled', {
                  lastDay: format.date(offer.cancelled.lastDay),
                  refund: format.money(offer.cancelled.refund),
                })}
              </strong>
            </p>
            {refundState ? <p className="muted">{t(`cancel.refundState.${refundState}`)}</p> : null}
          </>
        ) : (
          <>
            <p>{offer.right ? t(`cancel.right.${offer.right}`) : null}</p>
            {offer.canCancel ? (
              <div>
                <Button
                  variant="danger"
                  isLoading={query.isFetching && step.kind === 'idle'}
                  onClick={() => void startStepOne()}
                >
                  {t('cancel.button')}
                </Button>
              </div>
            ) : (
              <p className="muted">{t('cancel.memberNote')}</p>
            )}
          </>
        )}
      </div>
      {step.kind === 'confirming' ? (
        <ConfirmDialog
          isOpen
          title={t('cancel.confirmTitle')}
          confirmLabel={t('cancel.confirm')}
          cancelLabel={t('cancel.keep')}
          isBusy={cancel.isPending}
          onConfirm={() => confirm(step.offer)}
          onCancel={() => {
            setStep({ kind: 'idle' });
            cancel.reset();
          }}
        >
          <dl className="cancel-facts">
            <dt>{t('cancel.lastDay')}</dt>
            <dd>{figures(step.offer).lastDay}</dd>
            <dt>{t('cancel.refund')}</dt>
            <dd>{figures(step.offer).refund}</dd>
          </dl>
          <p className="muted">
            {t('cancel.explain', {
              firstDayWithout: step.offer.lastDay ? format.date(addDays(step.offer.lastDay, 1)) : '',
            })}
          </p>
          {cancel.error && !isApiError(cancel.error, 409) ? (
            <Alert tone="error">{apiErrorMessage(cancel.error, tApp)}</Alert>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}
