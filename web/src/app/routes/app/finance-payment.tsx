// /finance/payments/:id: one payment with its Stripe ids and history (finance only).

import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { getPaymentQueryOptions, usePayment } from '@/features/finance/api/get-payment';
import { FinanceDetailPage } from '@/features/finance/components/finance-detail-page';
import { PaymentView } from '@/features/finance/components/payment-view';
import { paths } from '@/lib/paths';
import '@/features/finance/finance.css';

export const financePaymentLoader =
  (queryClient: QueryClient) =>
  ({ params }: LoaderFunctionArgs) =>
    prefetchForRoles(queryClient, ['finance'], getPaymentQueryOptions(params.id ?? ''));

function Payment({ id }: { id: string }) {
  const { t } = useTranslation('finance');
  const query = usePayment(id);
  return (
    <FinanceDetailPage
      title={t('payment.title', { id })}
      back={{ to: paths.financeLedger, label: t('payment.back') }}
      query={query}
    >
      {(payment) => <PaymentView payment={payment} />}
    </FinanceDetailPage>
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
