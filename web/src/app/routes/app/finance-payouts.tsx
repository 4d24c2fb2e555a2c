// /finance/payouts and /finance/payouts/:id: payouts with their check, and one payout's breakdown.

import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { usePayout } from '@/features/finance/api/get-payouts';
import { PayoutView } from '@/features/finance/components/payout-view';
import { PayoutsList } from '@/features/finance/components/payouts-list';
import { apiErrorMessage } from '@/lib/api-error-message';
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
  const { t: tApp } = useTranslation();
  const query = usePayout(id);
  return (
    <ContentLayout
      title={t('payout.title', { id })}
      titleSuffix={tApp('app.name')}
      lead={<Link to={paths.financePayouts}>{t('payout.back')}</Link>}
    >
      {query.isPending ? (
        <SkeletonList label={t('common.loading')} rows={4} />
      ) : query.isError ? (
        <ErrorState
          title={t('common.loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <PayoutView detail={query.data} />
      )}
    </ContentLayout>
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
