// /billing (customers): the account's billing details; admins edit them, members read them.

import { CUSTOMER_ROLES } from '@portal/shared/roles';
import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { useMe } from '@/features/auth/api/get-me';
import { getBillingDetailsQueryOptions } from '@/features/payments/api/get-billing-details';
import { BillingDetailsPanel } from '@/features/payments/components/billing-details-form';

export const billingLoader = (queryClient: QueryClient) => () =>
  prefetchForRoles(queryClient, CUSTOMER_ROLES, getBillingDetailsQueryOptions());

export function BillingRoute() {
  return (
    <RequireRole roles={CUSTOMER_ROLES}>
      <Billing />
    </RequireRole>
  );
}

function Billing() {
  const { t } = useTranslation('payments');
  const { t: tApp } = useTranslation();
  const me = useMe();
  return (
    <ContentLayout title={t('billing.title')} titleSuffix={tApp('app.name')} lead={t('billing.lead')}>
      <BillingDetailsPanel canEdit={me.user.role === 'customer_admin'} />
    </ContentLayout>
  );
}
