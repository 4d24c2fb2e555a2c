// POST /api/ops/webhooks/:id/replay (ops): every event the endpoint wants that occurred in a range, sent again.

import type { TReplayRange } from '@portal/shared/schemas/webhooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { webhooksQueryKey } from './get-endpoints';

export async function replayRange({ id, ...json }: TReplayRange & { id: string }) {
  return unwrap(api.ops.webhooks[':id'].replay.$post({ param: { id }, json }));
}

export function useReplayRange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replayRange,
    onSuccess: () => invalidateOwning(queryClient, webhooksQueryKey),
  });
}
