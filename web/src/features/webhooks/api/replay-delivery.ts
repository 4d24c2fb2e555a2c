// POST /api/ops/webhooks/:id/deliveries/:deliveryId/replay (ops): the delivery's event sent again.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { webhooksQueryKey } from './get-endpoints';

export async function replayDelivery({ id, deliveryId }: { id: string; deliveryId: string }) {
  return (
    await unwrap(
      api.ops.webhooks[':id'].deliveries[':deliveryId'].replay.$post({ param: { id, deliveryId } }),
    )
  ).delivery;
}

export function useReplayDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replayDelivery,
    onSuccess: () => invalidateOwning(queryClient, webhooksQueryKey),
  });
}
