// DELETE /api/ops/api-keys/:id (ops): revokes a key; its next request is refused.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { apiKeysQueryKey } from './get-api-keys';

export async function revokeApiKey(id: string) {
  return (await unwrap(api.ops['api-keys'][':id'].$delete({ param: { id } }))).apiKey;
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => invalidateOwning(queryClient, apiKeysQueryKey),
  });
}
