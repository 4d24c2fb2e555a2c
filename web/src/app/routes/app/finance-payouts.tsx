// /finance/payouts and /finance/payouts/:id: payouts with their check, and one payout's breakdown.

import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { usePayout } from '@/features/finance/api/get-payouts';
import { FinanceDetailPage } from '@/features/finance/components/finance-detail-page';
import { PayoutView } from '@/features/finance/components/payout-view';
import { PayoutsList } from '@/features/finance/components/payouts-list';
import { paths } from '@/lib/paths';
import '@/features/finance/finance.css';

export function FinancePayoutsRoute() {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['finance']}>
      <ContentLayout title={t('payouts.title')} titleSuffix={tApp('app.name')} lead={t('payouts.intro')}>
        <PayoutsList />
      </ContentLayout>
    </RequireRole>
  );
}

function Payout({ id }: { id: string }) {
  const { t } = useTranslation('finance');
  const query = usePayout(id);
  return (
    <FinanceDetailPage
      title={t('payout.title', { id })}
      back={{ to: paths.financePayouts, label: t('payout.back') }}
      query={query}
    >
      {(detail) => <PayoutView detail={detail} />}
    </FinanceDetailPage>
  );
}

export function FinancePayoutRoute() {
  const { id = '' } = useParams();
  return (
    <RequireRole roles={['finance']}>
      <Payout id={id} />
    </RequireRole>
  );
}
