// PUT /api/subscriptions/:id/auto-renew (admins; turning it on needs a saved payment method, else 422).

import type { TAutoRenewRequest } from '@portal/shared/schemas/subscriptions';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { subscriptionsQueryKey } from './get-subscriptions';

export async function updateAutoRenew(id: string, body: TAutoRenewRequest) {
  return (await unwrap(api.subscriptions[':id']['auto-renew'].$put({ param: { id }, json: body })))
    .subscription;
}

export function useUpdateAutoRenew(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TAutoRenewRequest) => updateAutoRenew(id, body),
    onSuccess: () => invalidateOwning(queryClient, subscriptionsQueryKey),
  });
}
