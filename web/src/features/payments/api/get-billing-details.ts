// GET /api/account/billing: the account's billing details (any customer of the account).

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const billingDetailsQueryKey = ['account', 'billing'] as const;

export async function getBillingDetails() {
  return (await unwrap(api.account.billing.$get())).billing;
}

export function getBillingDetailsQueryOptions() {
  return queryOptions({ queryKey: billingDetailsQueryKey, queryFn: getBillingDetails });
}

export function useBillingDetails() {
  return useQuery(getBillingDetailsQueryOptions());
}
