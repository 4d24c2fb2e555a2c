// GET /api/ops/metrics (ops): the metric catalog.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const metricsQueryKey = ['ops', 'metrics'] as const;

export async function getMetrics() {
  return (await unwrap(api.ops.metrics.$get())).metrics;
}

export function getMetricsQueryOptions() {
  return queryOptions({ queryKey: metricsQueryKey, queryFn: getMetrics });
}

export function useMetrics() {
  return useQuery(getMetricsQueryOptions());
}
