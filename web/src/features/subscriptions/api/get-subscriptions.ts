// GET /api/subscriptions: every subscription of the account, with status and days left derived by the server.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** The root of every subscription query: invalidating it refreshes the list and each detail. */
export const subscriptionsQueryKey = ['subscriptions'] as const;

export async function getSubscriptions() {
  return (await unwrap(api.subscriptions.$get())).subscriptions;
}

export function getSubscriptionsQueryOptions() {
  return queryOptions({ queryKey: subscriptionsQueryKey, queryFn: getSubscriptions });
}

export function useSubscriptions() {
  return useQuery(getSubscriptionsQueryOptions());
}
