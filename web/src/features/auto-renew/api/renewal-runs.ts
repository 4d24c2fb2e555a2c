// Ops: GET /api/ops/renewals/runs (recent runs), POST /api/ops/renewals/runs (run now), and
// GET /api/ops/renewals/attention (renewals needing a person).

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';

export const renewalRunsQueryKey = ['ops', 'renewals', 'runs'] as const;
export const renewalAttentionQueryKey = ['ops', 'renewals', 'attention'] as const;

export async function getRenewalRuns() {
  return unwrap(api.ops.renewals.runs.$get());
}

export function useRenewalRuns() {
  return useQuery(
    queryOptions({
      queryKey: renewalRunsQueryKey,
      queryFn: getRenewalRuns,
      // While a run goes on, look again every two seconds.
      refetchInterval: (query) => (query.state.data?.isRunning ? 2_000 : false),
    }),
  );
}

export async function runRenewalsNow() {
  return unwrap(api.ops.renewals.runs.$post());
}

export function useRunRenewalsNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runRenewalsNow,
    onSuccess: () => invalidateOwning(queryClient, ['ops']),
  });
}

export async function getRenewalsNeedingAttention() {
  return (await unwrap(api.ops.renewals.attention.$get())).renewals;
}

export function useRenewalsNeedingAttention() {
  return useQuery(queryOptions({ queryKey: renewalAttentionQueryKey, queryFn: getRenewalsNeedingAttention }));
}
