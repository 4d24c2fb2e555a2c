// GET /api/finance/payouts and /payouts/:id (finance): payouts with their check, and one payout's lines; the
// CSV address of a payout's breakdown.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { config } from '@/config';
import { api, unwrap } from '@/lib/api-client';
import { financeKeys } from './keys';

export async function getPayouts() {
  return (await unwrap(api.finance.payouts.$get())).payouts;
}

export function getPayoutsQueryOptions() {
  return queryOptions({ queryKey: financeKeys.payouts, queryFn: getPayouts });
}

export function usePayouts() {
  return useQuery(getPayoutsQueryOptions());
}

export async function getPayout(id: string) {
  return unwrap(api.finance.payouts[':id'].$get({ param: { id } }));
}

export function getPayoutQueryOptions(id: string) {
  return queryOptions({ queryKey: [...financeKeys.payouts, id], queryFn: () => getPayout(id) });
}

export function usePayout(id: string) {
  return useQuery(getPayoutQueryOptions(id));
}

export function payoutCsvUrl(id: string): string {
  return `${config.apiBaseUrl}/finance/payouts/${encodeURIComponent(id)}/breakdown.csv?bom=1`;
}
