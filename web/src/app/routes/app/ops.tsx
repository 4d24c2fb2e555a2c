// /ops: the operations team's landing page (issue 13 item 6): today's run, what is due, who is at risk, and
// what needs a person.

import { useTranslation } from 'react-i18next';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { OpsLanding } from '@/features/ops-workspace/components/ops-landing';

export function OpsRoute() {
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('landing.title')} titleSuffix={tApp('app.name')} lead={t('landing.intro')}>
        <OpsLanding />
      </ContentLayout>
    </RequireRole>
  );
}
