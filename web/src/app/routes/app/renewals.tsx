// /ops/renewals: the renewal run (run it now, recent runs, what needs attention) and, in demos, the date.
// One column: the run history and the attention list are tables that need the page's whole width.

import { useTranslation } from 'react-i18next';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { Card } from '@/components/ui/card';
import '@/features/auto-renew/auto-renew.css';
import { AttentionTable } from '@/features/auto-renew/components/attention-table';
import { NoticePoliciesForm } from '@/features/auto-renew/components/notice-policies-form';
import { RenewalRunPanel } from '@/features/auto-renew/components/renewal-run-panel';
import { DemoClockPanel } from '@/features/clock/components/demo-clock-panel';

export function RenewalsRoute() {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('ops.title')} titleSuffix={tApp('app.name')} lead={t('ops.intro')}>
        <div className="stack">
          <Card title={t('clock.title')}>
            <DemoClockPanel />
          </Card>
          <Card title={t('ops.run.title')}>
            <RenewalRunPanel />
          </Card>
          <Card title={t('ops.attention.title')}>
            <AttentionTable />
          </Card>
          <Card title={t('ops.policies.title')}>
            <NoticePoliciesForm />
          </Card>
        </div>
      </ContentLayout>
    </RequireRole>
  );
}
