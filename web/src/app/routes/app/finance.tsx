// /finance: the finance team's home, the reconciliation: the Stripe sync, the last run's results, and the
// exceptions to resolve.

import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { getExceptionsQueryOptions } from '@/features/finance/api/get-exceptions';
import { ExceptionsPanel } from '@/features/finance/components/exceptions-panel';
import { ReconciliationSummary } from '@/features/finance/components/reconciliation-summary';
import { SyncPanel } from '@/features/finance/components/sync-panel';
import '@/features/finance/finance.css';

export const financeLoader = (queryClient: QueryClient) => () =>
  prefetchForRoles(queryClient, ['finance'], getExceptionsQueryOptions({ status: 'open' }));

export function FinanceRoute() {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['finance']}>
      <ContentLayout
        title={t('reconciliation.title')}
        titleSuffix={tApp('app.name')}
        lead={t('reconciliation.intro')}
      >
        <div className="finance-home">
          <ReconciliationSummary />
          <SyncPanel />
          <div id="exceptions">
            <ExceptionsPanel />
          </div>
        </div>
      </ContentLayout>
    </RequireRole>
  );
}
