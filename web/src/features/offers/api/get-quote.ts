// GET /api/quotes/:id: one of the account's quotes with its frozen lines (404 for anyone else's).

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export function quoteQueryKey(quoteId: string) {
  return ['quotes', quoteId] as const;
}

export async function getQuote(quoteId: string) {
  return (await unwrap(api.quotes[':id'].$get({ param: { id: quoteId } }))).quote;
}

export function getQuoteQueryOptions(quoteId: string) {
  return queryOptions({ queryKey: quoteQueryKey(quoteId), queryFn: () => getQuote(quoteId) });
}

export function useQuote(quoteId: string) {
  return useQuery(getQuoteQueryOptions(quoteId));
}
