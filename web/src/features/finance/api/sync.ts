// GET /api/finance/sync (the Stripe sync's cursors and recent runs) and POST /api/finance/sync (start one).
// While a run is going the status is polled; when it ends, every finance view is refreshed.

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { financeKeys } from './keys';

export async function getSyncStatus() {
  return (await unwrap(api.finance.sync.$get())).sync;
}

export function getSyncStatusQueryOptions() {
  return queryOptions({ queryKey: financeKeys.sync, queryFn: getSyncStatus });
}

export function useSyncStatus() {
  const queryClient = useQueryClient();
  const query = useQuery({
    ...getSyncStatusQueryOptions(),
    refetchInterval: (q) => (q.state.data?.isRunning ? 1_000 : false),
  });
  const wasRunning = useRef(false);
  const isRunning = query.data?.isRunning ?? false;
  useEffect(() => {
    if (wasRunning.current && !isRunning) void invalidateOwning(queryClient, financeKeys.all);
    wasRunning.current = isRunning;
  }, [isRunning, queryClient]);
  return query;
}

export async function startSync() {
  return (await unwrap(api.finance.sync.$post())).sync;
}

export function useStartSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startSync,
    onSuccess: (sync) => queryClient.setQueryData(financeKeys.sync, sync),
  });
}
