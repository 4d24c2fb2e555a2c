// GET /api/finance/payments/:id (finance): a payment with its Stripe ids, documents and history.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { financeKeys } from './keys';

export async function getPayment(id: string) {
  return (await unwrap(api.finance.payments[':id'].$get({ param: { id } }))).payment;
}

export function getPaymentQueryOptions(id: string) {
  return queryOptions({ queryKey: [...financeKeys.payments, id], queryFn: () => getPayment(id) });
}

export function usePayment(id: string) {
  return useQuery(getPaymentQueryOptions(id));
}
