// GET /api/ops/pipeline (ops): renewals by window, searched, filtered and sorted by the server; and the
// address of the same rows as CSV.

import type { TPipelineQuery } from '@portal/shared/schemas/value-reports';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { config } from '@/config';
import { api, unwrap } from '@/lib/api-client';

export type PipelineFilters = Required<Pick<TPipelineQuery, 'window' | 'sort' | 'risk'>> & { q: string };

export function pipelineQueryKey(filters: PipelineFilters) {
  return ['ops', 'pipeline', filters] as const;
}

function toQuery(filters: PipelineFilters) {
  return {
    window: filters.window,
    sort: filters.sort,
    risk: filters.risk,
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
  };
}

export async function getPipeline(filters: PipelineFilters) {
  return (await unwrap(api.ops.pipeline.$get({ query: toQuery(filters) }))).pipeline;
}

export function getPipelineQueryOptions(filters: PipelineFilters) {
  return queryOptions({
    queryKey: pipelineQueryKey(filters),
    queryFn: () => getPipeline(filters),
    placeholderData: keepPreviousData,
  });
}

export function usePipeline(filters: PipelineFilters) {
  return useQuery(getPipelineQueryOptions(filters));
}

/** A plain link target (the browser downloads it with the session cookie). */
export function pipelineCsvUrl(filters: PipelineFilters): string {
  return `${config.apiBaseUrl}/ops/pipeline.csv?${new URLSearchParams(toQuery(filters))}`;
}
