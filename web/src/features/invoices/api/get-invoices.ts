// GET /api/invoices: the account's invoices, newest first.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { config } from '@/config';
import { api, unwrap } from '@/lib/api-client';

export const invoicesQueryKey = ['invoices'] as const;

export async function getInvoices() {
  return (await unwrap(api.invoices.$get())).invoices;
}

export function getInvoicesQueryOptions() {
  return queryOptions({ queryKey: invoicesQueryKey, queryFn: getInvoices });
}

export function useInvoices() {
  return useQuery(getInvoicesQueryOptions());
}

/** Where the browser downloads an invoice's PDF (a plain link: the session cookie goes with it). */
export function invoicePdfUrl(invoiceId: string): string {
  return `${config.apiBaseUrl}/invoices/${encodeURIComponent(invoiceId)}/pdf`;
}
