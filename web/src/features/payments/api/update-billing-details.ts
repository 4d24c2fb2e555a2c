// PUT /api/account/billing (admins): new billing details, synced by the server to the Stripe customer.

import type { TUpdateBillingDetails } from '@portal/shared/schemas/payments';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { billingDetailsQueryKey } from './get-billing-details';

export async function updateBillingDetails(body: TUpdateBillingDetails) {
  return (await unwrap(api.account.billing.$put({ json: body }))).billing;
}

export function useUpdateBillingDetails() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateBillingDetails,
    onSuccess: (billing) => queryClient.setQueryData(billingDetailsQueryKey, billing),
  });
}
