// /finance: the finance team's home (the ledger and reconciliation come in later issues).

import { useTranslation } from 'react-i18next';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';

export function FinanceRoute() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={['finance']}>
      <ContentLayout title={t('finance.title')} titleSuffix={t('app.name')} lead={t('finance.intro')} />
    </RequireRole>
  );
}
