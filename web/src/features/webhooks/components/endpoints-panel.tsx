// Ops' webhook endpoints: add one (its signing secret is shown once), and the list with each endpoint's state,
// the event types it hears and its failed and waiting deliveries.

import type { TWebhookEndpoint } from '@portal/shared/schemas/webhooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { useCreateEndpoint } from '@/features/webhooks/api/create-endpoint';
import { useEndpoints } from '@/features/webhooks/api/get-endpoints';
import { EndpointForm } from '@/features/webhooks/components/endpoint-form';
import { EndpointState } from '@/features/webhooks/components/endpoint-state';
import { SecretReveal } from '@/features/webhooks/components/secret-reveal';
import { apiErrorMessage } from '@/lib/api-error-message';
import { paths } from '@/lib/paths';

export function EndpointsPanel() {
  const { t } = useTranslation('webhooks');
  const { t: tApp } = useTranslation();
  const query = useEndpoints();
  const create = useCreateEndpoint();
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [formKey, setFormKey] = useState(0);

  const columns: DataColumn<TWebhookEndpoint>[] = [
    {
      id: 'url',
      label: t('list.url'),
      isRowHeader: true,
      cell: (e) => (
        <span className="webhook-url">
          <Link to={paths.opsWebhook(e.id)}>{e.url}</Link>
          {e.description ? <span className="muted"> {e.description}</span> : null}
        </span>
      ),
    },
    { id: 'state', label: t('list.state'), cell: (e) => <EndpointState endpoint={e} /> },
    {
      id: 'types',
      label: t('list.eventTypes'),
      cell: (e) => (e.eventTypes.length ? e.eventTypes.join(', ') : t('list.allTypes')),
    },
    { id: 'failed', label: t('list.failed'), isNumeric: true, cell: (e) => e.failedDeliveries },
    { id: 'pending', label: t('list.pending'), isNumeric: true, cell: (e) => e.pendingDeliveries },
  ];

  return (
    <div className="stack">
      <Card title={t('create.title')}>
        <EndpointForm
          key={formKey}
          submitLabel={t('create.submit')}
          isBusy={create.isPending}
          error={create.error ? apiErrorMessage(create.error, tApp) : undefined}
          onSubmit={(values) =>
            create.mutate(values, {
              onSuccess: (reply) => {
                setCreated({ url: reply.endpoint.url, secret: reply.secret });
                setFormKey((k) => k + 1);
              },
            })
          }
        />
        <LiveRegion>
          {created ? (
            <SecretReveal
              title={t('create.createdTitle')}
              body={t('create.createdBody', { url: created.url })}
              secret={created.secret}
            />
          ) : null}
        </LiveRegion>
      </Card>
      <Card title={t('list.title')}>
        {query.isPending ? (
          <SkeletonList label={t('list.loading')} rows={2} />
        ) : query.isError ? (
          <ErrorState
            title={t('list.loadFailed')}
            detail={apiErrorMessage(query.error, tApp)}
            retryLabel={tApp('common.tryAgain')}
            onRetry={() => void query.refetch()}
          />
        ) : query.data.endpoints.length === 0 ? (
          <EmptyState title={t('list.empty')} headingLevel={3}>
            <p>{t('list.emptyBody')}</p>
          </EmptyState>
        ) : (
          <div className="stack">
            {query.data.failedDeliveries > 0 ? (
              <Alert tone="error">{t('list.failedSummary', { count: query.data.failedDeliveries })}</Alert>
            ) : null}
            <DataTable
              caption={t('list.caption')}
              columns={columns}
              rows={query.data.endpoints}
              rowKey={(e) => e.id}
            />
          </div>
        )}
      </Card>
    </div>
  );
}
