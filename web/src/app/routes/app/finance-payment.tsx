// /finance/payments/:id: one payment with its Stripe ids and history (finance only).

import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, type LoaderFunctionArgs, useParams } from 'react-router';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { getPaymentQueryOptions, usePayment } from '@/features/finance/api/get-payment';
import { PaymentView } from '@/features/finance/components/payment-view';
import { apiErrorMessage } from '@/lib/api-error-message';
import { paths } from '@/lib/paths';
import '@/features/finance/finance.css';

export const financePaymentLoader =
  (queryClient: QueryClient) =>
  ({ params }: LoaderFunctionArgs) =>
    prefetchForRoles(queryClient, ['finance'], getPaymentQueryOptions(params.id ?? ''));

function Payment({ id }: { id: string }) {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  const query = usePayment(id);
  return (
    <ContentLayout
      title={t('payment.title', { id })}
      titleSuffix={tApp('app.name')}
      lead={<Link to={paths.financeLedger}>{t('payment.back')}</Link>}
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
        <PaymentView payment={query.data} />
      )}
    </ContentLayout>
  );
}

export function FinancePaymentRoute() {
  const { id = '' } = useParams();
  return (
    <RequireRole roles={['finance']}>
      <Payment id={id} />
    </RequireRole>
  );
}
