// GET /api/subscriptions/:id/offers?seats=N: the server-priced offers of one subscription (404 when it is not
// the account's; 422 for a seat count outside the plan's bounds). Keyed under the subscription, per seat count.

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** Under ['subscriptions', id], so refreshing a subscription refreshes its offers too. */
export function offersQueryKey(subscriptionId: string, seats: number | null) {
  return ['subscriptions', subscriptionId, 'offers', { seats }] as const;
}

export async function getOffers(subscriptionId: string, seats: number | null) {
  return unwrap(
    api.subscriptions[':id'].offers.$get({
      param: { id: subscriptionId },
      query: seats === null ? {} : { seats: String(seats) },
    }),
  );
}

export function getOffersQueryOptions(subscriptionId: string, seats: number | null) {
  return queryOptions({
    queryKey: offersQueryKey(subscriptionId, seats),
    queryFn: () => getOffers(subscriptionId, seats),
  });
}

/** Keeps showing the previous seat count's prices while the next ones load, so the page does not jump. */
export function useOffers(subscriptionId: string, seats: number | null) {
  return useQuery({ ...getOffersQueryOptions(subscriptionId, seats), placeholderData: keepPreviousData });
}
