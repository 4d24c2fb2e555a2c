// GET /api/finance/exceptions (finance): what the latest reconciliation found, open or resolved.

import type { TExceptionClass } from '@portal/shared/schemas/finance';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { financeKeys } from './keys';

export type ExceptionFilters = { status: 'open' | 'resolved' | 'all'; class?: TExceptionClass | undefined };

export async function getExceptions(filters: ExceptionFilters) {
  const query = { status: filters.status, ...(filters.class ? { class: filters.class } : {}) };
  return unwrap(api.finance.exceptions.$get({ query }));
}

export function getExceptionsQueryOptions(filters: ExceptionFilters) {
  return queryOptions({
    queryKey: [...financeKeys.exceptions, filters],
    queryFn: () => getExceptions(filters),
    placeholderData: keepPreviousData,
  });
}

export function useExceptions(filters: ExceptionFilters) {
  return useQuery(getExceptionsQueryOptions(filters));
}
