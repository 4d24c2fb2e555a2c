// GET /api/ops/accounts/:id and its timeline (ops): the account page.

import { queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const opsAccountKey = (id: string) => ['ops', 'account', id] as const;

export function getOpsAccountQueryOptions(id: string) {
  return queryOptions({
    queryKey: opsAccountKey(id),
    queryFn: () => unwrap(api.ops.accounts[':id'].$get({ param: { id } })),
  });
}

export function useOpsAccount(id: string) {
  return useQuery(getOpsAccountQueryOptions(id));
}

export function useAccountTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: [...opsAccountKey(id), 'timeline'] as const,
    queryFn: async ({ pageParam }) =>
      (
        await unwrap(
          api.ops.accounts[':id'].timeline.$get({
            param: { id },
            query: pageParam ? { cursor: pageParam, limit: '20' } : { limit: '20' },
          }),
        )
      ).page,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
