// /ops/api-keys: usage API keys and the metric catalog (ops only).

import { useTranslation } from 'react-i18next';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { ApiKeysPanel } from '@/features/value-reports/components/api-keys-panel';
import { MetricCatalog } from '@/features/value-reports/components/metric-catalog';

export function ApiKeysRoute() {
  const { t } = useTranslation('valueReports');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('apiKeys.title')} titleSuffix={tApp('app.name')} lead={t('apiKeys.intro')}>
        <div className="stack">
          <ApiKeysPanel />
          <MetricCatalog />
        </div>
      </ContentLayout>
    </RequireRole>
  );
}
