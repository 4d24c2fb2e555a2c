// Create or edit an account or a contract as a vendor record, with a reason (POST /api/ops/records/…, ops;
// decisions 021 and 026). A refused record throws an ApiError whose `fields` are keyed by the record's fields,
// like a 400 from the server's validation (whose `record.` prefix is dropped), so a form shows both alike.

import type { TApplyAccountRecord, TApplySubscriptionRecord } from '@portal/shared/schemas/ops-workspace';
import type { TRecordResult } from '@portal/shared/schemas/vendor-api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '@/lib/api-client';
import { opsAccountKey } from './get-account';

/** The one record's result; refused → an ApiError with its field errors. */
function outcomeOf(results: TRecordResult[]): TRecordResult {
  const result = results[0];
  if (!result) throw new ApiError({ code: 'unexpected_response', message: 'No result', status: 200 });
  if (result.outcome === 'refused') {
    throw new ApiError({
      code: 'validation_failed',
      message: result.errors.map((e) => e.message).join(' '),
      status: 200,
      fields: Object.fromEntries(result.errors.map((e) => [e.field, e.message])),
    });
  }
  return result;
}

/** Field errors of a failed save, keyed by the record's field names (and `reason`). */
export function recordFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(
    Object.entries(error.fields).map(([key, message]) => [key.replace(/^record\./, ''), message]),
  );
}

export function useApplyAccountRecord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TApplyAccountRecord) =>
      outcomeOf((await unwrap(api.ops.records.account.$post({ json: input }))).results),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['ops', 'accounts'] });
      if (result.id) void queryClient.invalidateQueries({ queryKey: opsAccountKey(result.id) });
    },
  });
}

export function useApplySubscriptionRecord(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TApplySubscriptionRecord) =>
      outcomeOf((await unwrap(api.ops.records.subscription.$post({ json: input }))).results),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: opsAccountKey(accountId) }),
  });
}
