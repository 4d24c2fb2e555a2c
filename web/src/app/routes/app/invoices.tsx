// /invoices (customers): the account's invoices and receipts, each with its PDF.

import { CUSTOMER_ROLES } from '@portal/shared/roles';
import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { getInvoicesQueryOptions } from '@/features/invoices/api/get-invoices';
import { InvoiceList } from '@/features/invoices/components/invoice-list';

export const invoicesLoader = (queryClient: QueryClient) => () =>
  prefetchForRoles(queryClient, CUSTOMER_ROLES, getInvoicesQueryOptions());

export function InvoicesRoute() {
  const { t } = useTranslation('invoices');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={CUSTOMER_ROLES}>
      <ContentLayout title={t('title')} titleSuffix={tApp('app.name')} lead={t('lead')}>
        <InvoiceList />
      </ContentLayout>
    </RequireRole>
  );
}
