// GET /api/ops/webhooks (ops): the webhook endpoints (never their secrets) and the count of failed deliveries.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const webhooksQueryKey = ['ops', 'webhooks'] as const;

export async function getEndpoints() {
  return unwrap(api.ops.webhooks.$get());
}

export function getEndpointsQueryOptions() {
  return queryOptions({ queryKey: webhooksQueryKey, queryFn: getEndpoints });
}

export function useEndpoints() {
  return useQuery(getEndpointsQueryOptions());
}
