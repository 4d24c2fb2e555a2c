// GET /api/finance/month-end?month= (finance): a month's gross, fees, refunds, disputes and net per currency;
// the CSV address of the same.

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { config } from '@/config';
import { api, unwrap } from '@/lib/api-client';
import { financeKeys } from './keys';

export async function getMonthEnd(month: string) {
  return (await unwrap(api.finance['month-end'].$get({ query: { month } }))).summary;
}

export function getMonthEndQueryOptions(month: string) {
  return queryOptions({
    queryKey: [...financeKeys.monthEnd, month],
    queryFn: () => getMonthEnd(month),
    placeholderData: keepPreviousData,
  });
}

export function useMonthEnd(month: string) {
  return useQuery(getMonthEndQueryOptions(month));
}

export function monthEndCsvUrl(month: string): string {
  return `${config.apiBaseUrl}/finance/month-end.csv?${new URLSearchParams({ month, bom: '1' })}`;
}
