// GET /api/ops/accounts (ops): account search, one keyset page at a time ("Show more" asks for the next).

import type { TAccountSearchQuery } from '@portal/shared/schemas/ops-workspace';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export type AccountFilters = Pick<TAccountSearchQuery, 'q' | 'status' | 'health' | 'window' | 'currency'>;

function toQuery(filters: AccountFilters, cursor: string | null) {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value) query[key] = String(value);
  if (cursor) query.cursor = cursor;
  return query;
}

export function useAccountSearch(filters: AccountFilters) {
  return useInfiniteQuery({
    queryKey: ['ops', 'accounts', filters] as const,
    queryFn: async ({ pageParam }) =>
      (await unwrap(api.ops.accounts.$get({ query: toQuery(filters, pageParam) }))).page,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}
