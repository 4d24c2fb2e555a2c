// POST /api/finance/exceptions/:id/resolve and /reopen (finance): a resolution with its note (audited), or
// the exception opened again. Both refresh the exceptions and the pages that show classes.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { financeKeys } from './keys';

export async function resolveException(input: { id: string; note: string }) {
  return (
    await unwrap(
      api.finance.exceptions[':id'].resolve.$post({ param: { id: input.id }, json: { note: input.note } }),
    )
  ).exception;
}

export async function reopenException(id: string) {
  return (await unwrap(api.finance.exceptions[':id'].reopen.$post({ param: { id } }))).exception;
}

const refreshed = [
  financeKeys.exceptions,
  financeKeys.reconciliation,
  financeKeys.payments,
  financeKeys.monthEnd,
];

export function useResolveException() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resolveException,
    onSuccess: () => invalidateOwning(queryClient, ...refreshed),
  });
}

export function useReopenException() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reopenException,
    onSuccess: () => invalidateOwning(queryClient, ...refreshed),
  });
}
