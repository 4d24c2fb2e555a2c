// One webhook endpoint for ops: its state, a test message, enable/disable, secret rotation (the new secret
// shown once; the old one still signs for 24 hours), edit, replay a range of events, and its deliveries.

import type { TWebhookDelivery, TWebhookEndpoint } from '@portal/shared/schemas/webhooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { TextField } from '@/components/ui/text-field';
import { useDeliveries } from '@/features/webhooks/api/get-deliveries';
import { useReplayDelivery } from '@/features/webhooks/api/replay-delivery';
import { useReplayRange } from '@/features/webhooks/api/replay-range';
import { useRotateSecret } from '@/features/webhooks/api/rotate-secret';
import { useSendTestEvent } from '@/features/webhooks/api/send-test';
import { useUpdateEndpoint } from '@/features/webhooks/api/update-endpoint';
import { DeliveriesTable } from '@/features/webhooks/components/deliveries-table';
import { EndpointForm } from '@/features/webhooks/components/endpoint-form';
import { EndpointState } from '@/features/webhooks/components/endpoint-state';
import { SecretReveal } from '@/features/webhooks/components/secret-reveal';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

type Confirming = 'disable' | 'rotate' | null;

export function EndpointPanel({ endpoint }: { endpoint: TWebhookEndpoint }) {
  const { t } = useTranslation('webhooks');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const deliveries = useDeliveries(endpoint.id);
  const update = useUpdateEndpoint();
  const rotate = useRotateSecret();
  const sendTest = useSendTestEvent();
  const replay = useReplayDelivery();
  const replayRange = useReplayRange();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const error = [update, rotate, sendTest, replay].find((m) => m.error)?.error;

  const setEnabled = (enabled: boolean) =>
    update.mutate(
      { id: endpoint.id, enabled },
      {
        onSuccess: () => setNotice(enabled ? t('detail.enabledNotice') : t('detail.disabledNotice')),
        onSettled: () => setConfirming(null),
      },
    );
  const onRotate = () =>
    rotate.mutate(endpoint.id, {
      onSuccess: (reply) => setSecret(reply.secret),
      onSettled: () => setConfirming(null),
    });
  const onReplay = (delivery: TWebhookDelivery) =>
    replay.mutate(
      { id: endpoint.id, deliveryId: delivery.id },
      { onSuccess: () => setNotice(t('detail.replayedNotice', { type: delivery.eventType })) },
    );
  const onReplayRange = (event: FormEvent) => {
    event.preventDefault();
    replayRange.mutate(
      { id: endpoint.id, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      { onSuccess: (reply) => setNotice(t('replayRange.queued', { count: reply.queued })) },
    );
  };

  return (
    <div className="stack">
      <Card title={t('detail.stateTitle')} actions={<EndpointState endpoint={endpoint} />}>
        <dl className="webhook-facts">
          <dt>{t('detail.secret')}</dt>
          <dd>
            <code>{endpoint.secretHint}</code>
            {endpoint.previousSecretExpiresAt ? (
              <span className="muted">
                {' '}
                {t('detail.previousSecretUntil', { at: format.timestamp(endpoint.previousSecretExpiresAt) })}
              </span>
            ) : null}
          </dd>
          {endpoint.failingSince ? (
            <>
              <dt>{t('detail.failingSince')}</dt>
              <dd>{format.timestamp(endpoint.failingSince)}</dd>
            </>
          ) : null}
        </dl>
        {endpoint.disabledReason === 'failing' ? (
          <Alert tone="error">{t('detail.autoDisabledBody')}</Alert>
        ) : null}
        <div className="webhook-actions">
          <Button
            variant="secondary"
            isLoading={sendTest.isPending}
            disabled={!endpoint.enabled}
            onClick={() =>
              sendTest.mutate(endpoint.id, { onSuccess: () => setNotice(t('detail.testSentNotice')) })
            }
          >
            {t('detail.sendTest')}
          </Button>
          {endpoint.enabled ? (
            <Button variant="secondary" onClick={() => setConfirming('disable')}>
              {t('detail.disable')}
            </Button>
          ) : (
            <Button variant="secondary" isLoading={update.isPending} onClick={() => setEnabled(true)}>
              {t('detail.enable')}
            </Button>
          )}
          <Button variant="secondary" onClick={() => setConfirming('rotate')}>
            {t('detail.rotate')}
          </Button>
        </div>
        <LiveRegion>
          {error ? <Alert tone="error">{apiErrorMessage(error, tApp)}</Alert> : null}
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          {secret ? (
            <SecretReveal title={t('detail.rotatedTitle')} body={t('detail.rotatedBody')} secret={secret} />
          ) : null}
        </LiveRegion>
      </Card>

      <Card title={t('deliveries.title')}>
        {deliveries.isPending ? (
          <SkeletonList label={t('deliveries.loading')} rows={3} />
        ) : deliveries.isError ? (
          <ErrorState
            title={t('deliveries.loadFailed')}
            detail={apiErrorMessage(deliveries.error, tApp)}
            retryLabel={tApp('common.tryAgain')}
            onRetry={() => void deliveries.refetch()}
          />
        ) : deliveries.data.length === 0 ? (
          <EmptyState title={t('deliveries.empty')} headingLevel={3} />
        ) : (
          <DeliveriesTable
            deliveries={deliveries.data}
            replayingId={replay.isPending ? (replay.variables?.deliveryId ?? null) : null}
            onReplay={onReplay}
          />
        )}
      </Card>

      <Card title={t('replayRange.title')}>
        <form className="inline-form" onSubmit={onReplayRange}>
          <TextField
            label={t('replayRange.from')}
            type="datetime-local"
            required
            value={from}
            onChange={(event) => setFrom(event.target.value)}
          />
          <TextField
            label={t('replayRange.to')}
            type="datetime-local"
            required
            value={to}
            onChange={(event) => setTo(event.target.value)}
            error={replayRange.error ? apiErrorMessage(replayRange.error, tApp) : undefined}
          />
          <Button type="submit" variant="secondary" isLoading={replayRange.isPending}>
            {t('replayRange.submit')}
          </Button>
        </form>
        <p className="muted">{t('replayRange.hint')}</p>
      </Card>

      <Card title={t('edit.title')}>
        <EndpointForm
          initial={{ url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes }}
          submitLabel={t('edit.submit')}
          isBusy={update.isPending}
          onSubmit={(values) =>
            update.mutate({ id: endpoint.id, ...values }, { onSuccess: () => setNotice(t('edit.saved')) })
          }
        />
      </Card>

      <ConfirmDialog
        isOpen={confirming === 'disable'}
        title={t('detail.disableTitle')}
        confirmLabel={t('detail.disable')}
        cancelLabel={tApp('common.cancel')}
        isBusy={update.isPending}
        onConfirm={() => setEnabled(false)}
        onCancel={() => setConfirming(null)}
      >
        <p>{t('detail.disableBody', { url: endpoint.url })}</p>
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={confirming === 'rotate'}
        title={t('detail.rotateTitle')}
        confirmLabel={t('detail.rotate')}
        cancelLabel={tApp('common.cancel')}
        isBusy={rotate.isPending}
        onConfirm={onRotate}
        onCancel={() => setConfirming(null)}
      >
        <p>{t('detail.rotateBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
