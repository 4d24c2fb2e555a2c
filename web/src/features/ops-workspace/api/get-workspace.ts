// GET /api/ops/workspace (ops): the landing page's tiles.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export function getWorkspaceQueryOptions() {
  return queryOptions({
    queryKey: ['ops', 'workspace'] as const,
    queryFn: async () => (await unwrap(api.ops.workspace.$get())).summary,
  });
}

export function useWorkspace() {
  return useQuery(getWorkspaceQueryOptions());
}
