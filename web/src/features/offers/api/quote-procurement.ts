// A quote's procurement: GET /api/quotes/:id/procurement (seller, buyer, PO number, the document's hash and
// its acceptance), PUT …/purchase-order and POST …/accept (admins), and the PDF's address.

import type { TPurchaseOrderUpdate, TQuoteAcceptRequest } from '@portal/shared/schemas/quote-documents';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { config } from '@/config';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { quoteQueryKey } from './get-quote';

export function quoteProcurementQueryKey(quoteId: string) {
  return [...quoteQueryKey(quoteId), 'procurement'] as const;
}

export function getQuoteProcurementQueryOptions(quoteId: string) {
  return queryOptions({
    queryKey: quoteProcurementQueryKey(quoteId),
    queryFn: async () =>
      (await unwrap(api.quotes[':id'].procurement.$get({ param: { id: quoteId } }))).procurement,
  });
}

export function useQuoteProcurement(quoteId: string) {
  return useQuery(getQuoteProcurementQueryOptions(quoteId));
}

/** Where the browser downloads the quote's PDF (a plain link: the session cookie goes with it). */
export function quotePdfUrl(quoteId: string): string {
  return `${config.apiBaseUrl}/quotes/${encodeURIComponent(quoteId)}/pdf`;
}

export function useSetPurchaseOrder(quoteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TPurchaseOrderUpdate) =>
      (await unwrap(api.quotes[':id']['purchase-order'].$put({ param: { id: quoteId }, json: body })))
        .procurement,
    onSuccess: (procurement) => queryClient.setQueryData(quoteProcurementQueryKey(quoteId), procurement),
  });
}

export function useAcceptQuote(quoteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TQuoteAcceptRequest) =>
      (await unwrap(api.quotes[':id'].accept.$post({ param: { id: quoteId }, json: body }))).procurement,
    onSuccess: (procurement) => queryClient.setQueryData(quoteProcurementQueryKey(quoteId), procurement),
    // A 409 means the document changed: read it again so the admin accepts what they now see.
    onError: () => invalidateOwning(queryClient, quoteProcurementQueryKey(quoteId)),
  });
}
