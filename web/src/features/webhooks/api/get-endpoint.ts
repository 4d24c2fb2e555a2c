// GET /api/ops/webhooks/:id (ops): one endpoint.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { webhooksQueryKey } from './get-endpoints';

export const endpointQueryKey = (id: string) => [...webhooksQueryKey, id] as const;

export async function getEndpoint(id: string) {
  return (await unwrap(api.ops.webhooks[':id'].$get({ param: { id } }))).endpoint;
}

export function getEndpointQueryOptions(id: string) {
  return queryOptions({ queryKey: endpointQueryKey(id), queryFn: () => getEndpoint(id) });
}

export function useEndpoint(id: string) {
  return useQuery(getEndpointQueryOptions(id));
}
