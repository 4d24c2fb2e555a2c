// GET /api/finance/kpis?from=&to= (finance): renewal KPIs of a period.

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { financeKeys } from './keys';

export type KpiPeriod = { from: string; to: string };

export async function getKpis(period: KpiPeriod) {
  return (await unwrap(api.finance.kpis.$get({ query: period }))).kpis;
}

export function getKpisQueryOptions(period: KpiPeriod) {
  return queryOptions({
    queryKey: [...financeKeys.kpis, period],
    queryFn: () => getKpis(period),
    placeholderData: keepPreviousData,
  });
}

export function useKpis(period: KpiPeriod) {
  return useQuery(getKpisQueryOptions(period));
}
