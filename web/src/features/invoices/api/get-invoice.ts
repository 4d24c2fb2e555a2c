// GET /api/invoices/:id: one of the account's invoices with its credit notes (404 for anyone else's).

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invoicesQueryKey } from './get-invoices';

export function invoiceQueryKey(invoiceId: string) {
  return [...invoicesQueryKey, invoiceId] as const;
}

export async function getInvoice(invoiceId: string) {
  return (await unwrap(api.invoices[':id'].$get({ param: { id: invoiceId } }))).invoice;
}

export function getInvoiceQueryOptions(invoiceId: string) {
  return queryOptions({ queryKey: invoiceQueryKey(invoiceId), queryFn: () => getInvoice(invoiceId) });
}

export function useInvoice(invoiceId: string) {
  return useQuery(getInvoiceQueryOptions(invoiceId));
}
