// PUT /api/subscriptions/:id/auto-renew (admins): on with a term and the hash of the terms agreed to, or off.

import type { TAutoRenewUpdate } from '@portal/shared/schemas/auto-renew';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { autoRenewQueryKey } from './get-auto-renew';

export async function updateAutoRenew(subscriptionId: string, body: TAutoRenewUpdate) {
  return unwrap(api.subscriptions[':id']['auto-renew'].$put({ param: { id: subscriptionId }, json: body }));
}

export function useUpdateAutoRenew(subscriptionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TAutoRenewUpdate) => updateAutoRenew(subscriptionId, body),
    onSuccess: async (result) => {
      queryClient.setQueryData(autoRenewQueryKey(subscriptionId), result.autoRenew);
      // The list, the subscription (history) and its quotes changed too.
      await invalidateOwning(queryClient, ['subscriptions'], ['quotes']);
    },
  });
}
