// POST /api/ops/webhooks/:id/test (ops): a signed `webhook.test` message to the endpoint.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { webhooksQueryKey } from './get-endpoints';

export async function sendTestEvent(id: string) {
  return (await unwrap(api.ops.webhooks[':id'].test.$post({ param: { id } }))).delivery;
}

export function useSendTestEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendTestEvent,
    onSuccess: () => invalidateOwning(queryClient, webhooksQueryKey),
  });
}
