// /ops/webhooks: the vendor's webhook endpoints (ops only).

import { useTranslation } from 'react-i18next';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { EndpointsPanel } from '@/features/webhooks/components/endpoints-panel';

export function WebhooksRoute() {
  const { t } = useTranslation('webhooks');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('title')} titleSuffix={tApp('app.name')} lead={t('intro')}>
        <EndpointsPanel />
      </ContentLayout>
    </RequireRole>
  );
}
