// GET /api/subscriptions/:id/lapse (any customer user): the standing "let it lapse" decision, and whether one
// can be made; POST (admins) makes it, with the churn feedback given on the same screen; DELETE undoes it.

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';

export function lapseQueryKey(subscriptionId: string) {
  return ['subscriptions', subscriptionId, 'lapse'] as const;
}

export function useLapse(subscriptionId: string) {
  return useQuery(
    queryOptions({
      queryKey: lapseQueryKey(subscriptionId),
      queryFn: async () =>
        (await unwrap(api.subscriptions[':id'].lapse.$get({ param: { id: subscriptionId } }))).lapse,
    }),
  );
}

function useLapseMutation<T>(subscriptionId: string, send: (input: T) => ReturnType<typeof sendLapse>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (result) => {
      queryClient.setQueryData(lapseQueryKey(subscriptionId), result.lapse);
      // The subscription's history, auto-renew (turned off) and the list changed too.
      await invalidateOwning(queryClient, ['subscriptions']);
    },
  });
}

function sendLapse(subscriptionId: string, feedbackId: string | null) {
  return unwrap(
    api.subscriptions[':id'].lapse.$post({ param: { id: subscriptionId }, json: { feedbackId } }),
  );
}

export function useLetLapse(subscriptionId: string) {
  return useLapseMutation(subscriptionId, (feedbackId: string | null) =>
    sendLapse(subscriptionId, feedbackId),
  );
}

export function useUndoLapse(subscriptionId: string) {
  return useLapseMutation(subscriptionId, () =>
    unwrap(api.subscriptions[':id'].lapse.$delete({ param: { id: subscriptionId } })),
  );
}
