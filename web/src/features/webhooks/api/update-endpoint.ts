// PATCH /api/ops/webhooks/:id (ops): address, description, event types, enabled.

import type { TWebhookEndpointUpdate } from '@portal/shared/schemas/webhooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { webhooksQueryKey } from './get-endpoints';

export async function updateEndpoint({ id, ...json }: TWebhookEndpointUpdate & { id: string }) {
  return (await unwrap(api.ops.webhooks[':id'].$patch({ param: { id }, json }))).endpoint;
}

export function useUpdateEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateEndpoint,
    onSuccess: () => invalidateOwning(queryClient, webhooksQueryKey),
  });
}
