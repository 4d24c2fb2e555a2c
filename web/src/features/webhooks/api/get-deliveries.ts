// GET /api/ops/webhooks/:id/deliveries (ops): the endpoint's latest deliveries, each with its attempts.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { endpointQueryKey } from './get-endpoint';

export const deliveriesQueryKey = (id: string) => [...endpointQueryKey(id), 'deliveries'] as const;

export async function getDeliveries(id: string) {
  return (await unwrap(api.ops.webhooks[':id'].deliveries.$get({ param: { id }, query: { limit: '100' } })))
    .deliveries;
}

export function getDeliveriesQueryOptions(id: string) {
  return queryOptions({
    queryKey: deliveriesQueryKey(id),
    queryFn: () => getDeliveries(id),
    // While something is on its way, the list follows it (sent by the server's job within seconds).
    refetchInterval: (query) =>
      query.state.data?.some((d) => d.state === 'pending' || d.state === 'sending') ? 2_000 : false,
  });
}

export function useDeliveries(id: string) {
  return useQuery(getDeliveriesQueryOptions(id));
}
