// POST /api/ops/webhooks (ops): a new endpoint; the reply carries its signing secret, shown once.

import type { TWebhookEndpointInput } from '@portal/shared/schemas/webhooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { webhooksQueryKey } from './get-endpoints';

export async function createEndpoint(body: TWebhookEndpointInput) {
  return unwrap(api.ops.webhooks.$post({ json: body }));
}

export function useCreateEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEndpoint,
    onSuccess: () => invalidateOwning(queryClient, webhooksQueryKey),
  });
}
