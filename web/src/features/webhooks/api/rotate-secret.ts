// POST /api/ops/webhooks/:id/rotate-secret (ops): a new secret, shown once; the old one signs beside it for 24 h.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { webhooksQueryKey } from './get-endpoints';

export async function rotateSecret(id: string) {
  return unwrap(api.ops.webhooks[':id']['rotate-secret'].$post({ param: { id } }));
}

export function useRotateSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateSecret,
    onSuccess: () => invalidateOwning(queryClient, webhooksQueryKey),
  });
}
