// GET /api/ops/api-keys (ops): the usage API keys, newest first, never with their secret.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const apiKeysQueryKey = ['ops', 'api-keys'] as const;

export async function getApiKeys() {
  return (await unwrap(api.ops['api-keys'].$get())).apiKeys;
}

export function getApiKeysQueryOptions() {
  return queryOptions({ queryKey: apiKeysQueryKey, queryFn: getApiKeys });
}

export function useApiKeys() {
  return useQuery(getApiKeysQueryOptions());
}
