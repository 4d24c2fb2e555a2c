// /ops/imports: CSV import of accounts, contacts and contracts (ops only).

import { useTranslation } from 'react-i18next';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { ImportsPage } from '@/features/imports/components/imports-page';
import '@/features/imports/imports.css';

export function ImportsRoute() {
  const { t } = useTranslation('imports');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('title')} titleSuffix={tApp('app.name')} lead={t('intro')}>
        <ImportsPage />
      </ContentLayout>
    </RequireRole>
  );
}
