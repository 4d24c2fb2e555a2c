// GET /api/subscriptions/:id: one subscription with its history (404 when it is not the account's).

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { subscriptionsQueryKey } from './get-subscriptions';

export function subscriptionQueryKey(id: string) {
  return [...subscriptionsQueryKey, id] as const;
}

export async function getSubscription(id: string) {
  return (await unwrap(api.subscriptions[':id'].$get({ param: { id } }))).subscription;
}

export function getSubscriptionQueryOptions(id: string) {
  return queryOptions({ queryKey: subscriptionQueryKey(id), queryFn: () => getSubscription(id) });
}

export function useSubscription(id: string) {
  return useQuery(getSubscriptionQueryOptions(id));
}
