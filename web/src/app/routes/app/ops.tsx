// /ops: the operations team's home (pipeline, catalog and mailbox come in later issues).

import { useTranslation } from 'react-i18next';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';

export function OpsRoute() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('ops.title')} titleSuffix={t('app.name')} lead={t('ops.intro')} />
    </RequireRole>
  );
}
