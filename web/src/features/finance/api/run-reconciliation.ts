// POST /api/finance/reconciliation/run (finance): reconciles what is synced again, now; refreshes every
// finance view (classes, exceptions, payouts).

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { financeKeys } from './keys';

export async function runReconciliation() {
  return (await unwrap(api.finance.reconciliation.run.$post())).run;
}

export function useRunReconciliation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runReconciliation,
    onSuccess: () => invalidateOwning(queryClient, financeKeys.all),
  });
}
