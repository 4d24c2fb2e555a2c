// /ops/webhooks/:id: one webhook endpoint with its deliveries (ops only).

import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { useEndpoint } from '@/features/webhooks/api/get-endpoint';
import { EndpointPanel } from '@/features/webhooks/components/endpoint-panel';
import { apiErrorMessage } from '@/lib/api-error-message';
import { paths } from '@/lib/paths';

export function WebhookEndpointRoute() {
  return (
    <RequireRole roles={['ops']}>
      <WebhookEndpointPage />
    </RequireRole>
  );
}

function WebhookEndpointPage() {
  const { t } = useTranslation('webhooks');
  const { t: tApp } = useTranslation();
  const { id = '' } = useParams();
  const query = useEndpoint(id);
  return (
    <ContentLayout
      title={t('detail.title')}
      titleSuffix={tApp('app.name')}
      lead={
        query.data ? (
          <span className="webhook-url">
            {query.data.url}
            {query.data.description ? <span className="muted"> · {query.data.description}</span> : null}
          </span>
        ) : undefined
      }
      actions={<Link to={paths.opsWebhooks}>{t('detail.back')}</Link>}
    >
      {query.isPending ? (
        <SkeletonList label={t('detail.loading')} rows={3} />
      ) : query.isError ? (
        <ErrorState
          title={t('detail.loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <EndpointPanel endpoint={query.data} />
      )}
    </ContentLayout>
  );
}
