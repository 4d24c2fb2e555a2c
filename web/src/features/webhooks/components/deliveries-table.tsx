// An endpoint's latest deliveries: event, trigger, state, attempts (each with its status, latency, response
// excerpt or error, behind a disclosure) and a replay button per delivery.

import type { TWebhookDelivery } from '@portal/shared/schemas/webhooks';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { useFormat } from '@/lib/format';

const STATE_TONES: Record<TWebhookDelivery['state'], BadgeTone> = {
  pending: 'info',
  sending: 'info',
  succeeded: 'success',
  failed: 'danger',
};

type DeliveriesTableProps = {
  deliveries: TWebhookDelivery[];
  replayingId: string | null;
  onReplay: (delivery: TWebhookDelivery) => void;
};

export function DeliveriesTable({ deliveries, replayingId, onReplay }: DeliveriesTableProps) {
  const { t } = useTranslation('webhooks');
  const format = useFormat();
  const columns: DataColumn<TWebhookDelivery>[] = [
    {
      id: 'event',
      label: t('deliveries.event'),
      isRowHeader: true,
      cell: (d) => (
        <span>
          <code>{d.eventType}</code> <span className="muted webhook-id">{d.messageId}</span>
        </span>
      ),
    },
    { id: 'trigger', label: t('deliveries.trigger'), cell: (d) => t(`trigger.${d.trigger}`) },
    {
      id: 'state',
      label: t('deliveries.state'),
      cell: (d) => (
        <span>
          <Badge tone={STATE_TONES[d.state]}>{t(`deliveryState.${d.state}`)}</Badge>
          {d.nextAttemptAt ? (
            <span className="muted">
              {' '}
              {t('deliveries.nextAttempt', { at: format.timestamp(d.nextAttemptAt) })}
            </span>
          ) : null}
        </span>
      ),
    },
    { id: 'created', label: t('deliveries.created'), cell: (d) => format.timestamp(d.createdAt) },
    {
      id: 'attempts',
      label: t('deliveries.attempts'),
      cell: (d) =>
        d.attempts.length === 0 ? (
          t('deliveries.noAttempts')
        ) : (
          <details className="webhook-attempts">
            <summary>{t('deliveries.attemptCount', { count: d.attempts.length })}</summary>
            <ol>
              {d.attempts.map((a) => (
                <li key={a.attempt}>
                  {format.timestamp(a.startedAt)} · {a.statusCode ?? '—'} ·{' '}
                  {t('deliveries.latency', { ms: a.durationMs })}
                  {a.error ? <div className="webhook-attempts__error">{a.error}</div> : null}
                  {a.responseExcerpt ? (
                    <pre className="webhook-attempts__excerpt">{a.responseExcerpt}</pre>
                  ) : null}
                </li>
              ))}
            </ol>
          </details>
        ),
    },
    {
      id: 'actions',
      label: t('deliveries.actions'),
      isActions: true,
      cell: (d) => (
        <Button
          variant="secondary"
          size="sm"
          isLoading={replayingId === d.id}
          aria-label={t('deliveries.replayLabel', { type: d.eventType, id: d.messageId })}
          onClick={() => onReplay(d)}
        >
          {t('deliveries.replay')}
        </Button>
      ),
    },
  ];
  return (
    <DataTable caption={t('deliveries.caption')} columns={columns} rows={deliveries} rowKey={(d) => d.id} />
  );
}
