// GET /api/finance/reconciliation (finance): the latest run (counts per class, whether it repeated the run
// before) and its lines of one class; the CSV address of the same.

import type { TReconClass } from '@portal/shared/schemas/finance';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { config } from '@/config';
import { api, unwrap } from '@/lib/api-client';
import { financeKeys } from './keys';

export type ReconciliationFilters = { class?: TReconClass | undefined; limit?: number };

export async function getReconciliation(filters: ReconciliationFilters) {
  const query = { limit: String(filters.limit ?? 200), ...(filters.class ? { class: filters.class } : {}) };
  return (await unwrap(api.finance.reconciliation.$get({ query }))).reconciliation;
}

export function getReconciliationQueryOptions(filters: ReconciliationFilters = {}) {
  return queryOptions({
    queryKey: [...financeKeys.reconciliation, filters],
    queryFn: () => getReconciliation(filters),
  });
}

export function useReconciliation(filters: ReconciliationFilters = {}) {
  return useQuery(getReconciliationQueryOptions(filters));
}

/** The latest reconciliation as CSV (a plain link: the browser downloads it with the session cookie). */
export function reconciliationCsvUrl(reconClass?: TReconClass): string {
  const params = new URLSearchParams({ bom: '1', ...(reconClass ? { class: reconClass } : {}) });
  return `${config.apiBaseUrl}/finance/reconciliation.csv?${params}`;
}
