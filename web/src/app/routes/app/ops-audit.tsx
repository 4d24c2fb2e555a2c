// /ops/audit: the audit log with filters and CSV export, ops only.

import { useTranslation } from 'react-i18next';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { AuditLog } from '@/features/ops-workspace/components/audit-log';

export function OpsAuditRoute() {
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('audit.title')} titleSuffix={tApp('app.name')} lead={t('audit.intro')}>
        <AuditLog />
      </ContentLayout>
    </RequireRole>
  );
}
