// GET /api/quotes/:id/checkout-terms (admins): the auto-renew terms shown under "renew automatically next
// time" (amount, term, how to turn it off), with the hash the checkout request names when it is ticked.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export async function getCheckoutTerms(quoteId: string) {
  return (await unwrap(api.quotes[':id']['checkout-terms'].$get({ param: { id: quoteId } }))).terms;
}

export function useCheckoutTerms(quoteId: string, isEnabled: boolean) {
  return useQuery(
    queryOptions({
      queryKey: ['quotes', quoteId, 'checkout-terms'] as const,
      queryFn: () => getCheckoutTerms(quoteId),
      enabled: isEnabled,
    }),
  );
}
