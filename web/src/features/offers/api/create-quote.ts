// POST /api/subscriptions/:id/quotes (admins): freezes the chosen offer into a quote. The body names the
// choice only; the server prices it. 201 for a new quote, 200 when the same choice's open quote is returned.

import type { TQuoteRequest } from '@portal/shared/schemas/offers';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { quoteQueryKey } from './get-quote';

export async function createQuote(subscriptionId: string, choice: TQuoteRequest) {
  return (
    await unwrap(api.subscriptions[':id'].quotes.$post({ param: { id: subscriptionId }, json: choice }))
  ).quote;
}

export function useCreateQuote(subscriptionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (choice: TQuoteRequest) => createQuote(subscriptionId, choice),
    onSuccess: async (quote) => {
      queryClient.setQueryData(quoteQueryKey(quote.id), quote);
      // The subscription's history, its offers (open quote) and older quotes (superseded) all changed.
      await invalidateOwning(queryClient, ['subscriptions', subscriptionId], ['quotes']);
    },
  });
}
