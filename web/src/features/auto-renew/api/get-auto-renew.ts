// GET /api/subscriptions/:id/auto-renew: the state, the card, the renewal with its notices, the options with
// the exact terms, the decisions kept, and the reminder setting (any customer user; 404 for another account's).

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export function autoRenewQueryKey(subscriptionId: string) {
  return ['subscriptions', subscriptionId, 'auto-renew'] as const;
}

export async function getAutoRenew(subscriptionId: string) {
  return (await unwrap(api.subscriptions[':id']['auto-renew'].$get({ param: { id: subscriptionId } })))
    .autoRenew;
}

export function getAutoRenewQueryOptions(subscriptionId: string) {
  return queryOptions({
    queryKey: autoRenewQueryKey(subscriptionId),
    queryFn: () => getAutoRenew(subscriptionId),
  });
}

export function useAutoRenew(subscriptionId: string) {
  return useQuery(getAutoRenewQueryOptions(subscriptionId));
}
