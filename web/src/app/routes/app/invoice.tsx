// /invoices/:id (customers): one invoice with its credit notes and its PDF.

import { CUSTOMER_ROLES } from '@portal/shared/roles';
import type { QueryClient } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { getInvoiceQueryOptions } from '@/features/invoices/api/get-invoice';
import { InvoiceDetail } from '@/features/invoices/components/invoice-detail';

export const invoiceLoader =
  (queryClient: QueryClient) =>
  ({ params }: LoaderFunctionArgs) =>
    prefetchForRoles(queryClient, CUSTOMER_ROLES, getInvoiceQueryOptions(params.id ?? ''));

export function InvoiceRoute() {
  const { id = '' } = useParams();
  return (
    <RequireRole roles={CUSTOMER_ROLES}>
      <InvoiceDetail key={id} invoiceId={id} />
    </RequireRole>
  );
}
