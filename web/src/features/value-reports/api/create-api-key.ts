// POST /api/ops/api-keys (ops): a new key; the reply carries its secret, shown once.

import type { TCreateApiKeyRequest } from '@portal/shared/schemas/api-keys';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { apiKeysQueryKey } from './get-api-keys';

export async function createApiKey(body: TCreateApiKeyRequest) {
  return unwrap(api.ops['api-keys'].$post({ json: body }));
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => invalidateOwning(queryClient, apiKeysQueryKey),
  });
}
