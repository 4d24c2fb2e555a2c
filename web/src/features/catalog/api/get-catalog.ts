// GET /api/ops/catalog (ops): plans with their per-seat yearly prices per currency and recent price changes.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const catalogQueryKey = ['ops', 'catalog'] as const;

export async function getCatalog() {
  return (await unwrap(api.ops.catalog.$get())).plans;
}

export function getCatalogQueryOptions() {
  return queryOptions({ queryKey: catalogQueryKey, queryFn: getCatalog });
}

export function useCatalog() {
  return useQuery(getCatalogQueryOptions());
}
