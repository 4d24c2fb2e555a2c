// Ops: GET and PUT /api/ops/renewals/notice-policies (when customers are told before a charge, by jurisdiction).

import type { TNoticePolicies } from '@portal/shared/schemas/auto-renew';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const noticePoliciesQueryKey = ['ops', 'renewals', 'notice-policies'] as const;

export async function getNoticePolicies() {
  return (await unwrap(api.ops.renewals['notice-policies'].$get())).policies;
}

export function useNoticePolicies() {
  return useQuery(queryOptions({ queryKey: noticePoliciesQueryKey, queryFn: getNoticePolicies }));
}

export async function saveNoticePolicies(policies: TNoticePolicies) {
  return (await unwrap(api.ops.renewals['notice-policies'].$put({ json: policies }))).policies;
}

export function useSaveNoticePolicies() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveNoticePolicies,
    onSuccess: (policies) => queryClient.setQueryData(noticePoliciesQueryKey, policies),
  });
}
