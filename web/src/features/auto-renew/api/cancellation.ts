// GET /api/subscriptions/:id/cancellation: whether a consumer may end the contract early and, if so, the last
// day of service and the refund, computed by the server. POST (admins): the second step, naming those figures.

import type { TCancelContract } from '@portal/shared/schemas/cancellation';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';

export function cancellationQueryKey(subscriptionId: string) {
  return ['subscriptions', subscriptionId, 'cancellation'] as const;
}

export async function getCancellation(subscriptionId: string) {
  return (await unwrap(api.subscriptions[':id'].cancellation.$get({ param: { id: subscriptionId } })))
    .cancellation;
}

export function getCancellationQueryOptions(subscriptionId: string) {
  return queryOptions({
    queryKey: cancellationQueryKey(subscriptionId),
    queryFn: () => getCancellation(subscriptionId),
  });
}

export function useCancellation(subscriptionId: string) {
  return useQuery(getCancellationQueryOptions(subscriptionId));
}

export function useCancelContract(subscriptionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TCancelContract) =>
      (
        await unwrap(
          api.subscriptions[':id'].cancellation.$post({ param: { id: subscriptionId }, json: body }),
        )
      ).cancellation,
    onSuccess: async (cancellation) => {
      queryClient.setQueryData(cancellationQueryKey(subscriptionId), cancellation);
      // The subscription ends and auto-renew is off; invoices gain a credit note.
      await invalidateOwning(queryClient, ['subscriptions'], ['invoices']);
    },
  });
}
