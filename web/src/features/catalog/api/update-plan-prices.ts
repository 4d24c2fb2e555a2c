// PUT /api/ops/catalog/plans/:code/prices (ops): new per-seat yearly prices as major-unit decimals. Existing
// quotes keep their own prices.

import type { TUpdatePlanPricesRequest } from '@portal/shared/schemas/offers';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { catalogQueryKey } from './get-catalog';

export async function updatePlanPrices(planCode: string, body: TUpdatePlanPricesRequest) {
  return (await unwrap(api.ops.catalog.plans[':code'].prices.$put({ param: { code: planCode }, json: body })))
    .plan;
}

export function useUpdatePlanPrices(planCode: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdatePlanPricesRequest) => updatePlanPrices(planCode, body),
    onSuccess: () => invalidateOwning(queryClient, catalogQueryKey),
  });
}
