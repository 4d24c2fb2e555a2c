// GET /api/me: the signed-in user, their role and locale, and their account (null for vendor staff).

import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const meQueryKey = ['me'] as const;

export function getMe() {
  return unwrap(api.me.$get());
}

export type TMeData = Awaited<ReturnType<typeof getMe>>;

export function getMeQueryOptions() {
  return queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 5 * 60_000 });
}

/** The signed-in user; the signed-in layout's loader has already fetched it. */
export function useMe() {
  return useSuspenseQuery(getMeQueryOptions()).data;
}
