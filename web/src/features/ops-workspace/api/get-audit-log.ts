// GET /api/ops/audit (ops): the audit log, filtered, one keyset page at a time; and the address of its CSV.

import type { TAuditLogQuery } from '@portal/shared/schemas/ops-workspace';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { config } from '@/config';
import { api, unwrap } from '@/lib/api-client';

export type AuditFilters = Pick<
  TAuditLogQuery,
  'actor' | 'accountId' | 'entityType' | 'action' | 'from' | 'to'
>;

function toQuery(filters: AuditFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value) query[key] = String(value);
  return query;
}

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['ops', 'audit', filters] as const,
    queryFn: async ({ pageParam }) =>
      (
        await unwrap(
          api.ops.audit.$get({ query: { ...toQuery(filters), ...(pageParam ? { cursor: pageParam } : {}) } }),
        )
      ).page,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function auditCsvUrl(filters: AuditFilters): string {
  return `${config.apiBaseUrl}/ops/audit.csv?${new URLSearchParams(toQuery(filters))}`;
}
