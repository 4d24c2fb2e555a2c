// /finance/ledger: payments, refunds and disputes with filters and totals (finance only).

import { useTranslation } from 'react-i18next';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { LedgerView } from '@/features/finance/components/ledger-view';
import '@/features/finance/finance.css';

export function FinanceLedgerRoute() {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['finance']}>
      <ContentLayout title={t('ledger.title')} titleSuffix={tApp('app.name')} lead={t('ledger.intro')}>
        <LedgerView />
      </ContentLayout>
    </RequireRole>
  );
}
