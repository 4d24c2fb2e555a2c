// PUT /api/ops/pricing-rules (ops): publishes a new version on top of the one the editor started from (409 when
// another was published meanwhile).

import type { TPublishPricingRulesRequest } from '@portal/shared/schemas/offers';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { pricingRulesQueryKey } from './get-pricing-rules';

export async function publishPricingRules(body: TPublishPricingRulesRequest) {
  return (await unwrap(api.ops['pricing-rules'].$put({ json: body }))).current;
}

export function usePublishPricingRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: publishPricingRules,
    onSuccess: () => invalidateOwning(queryClient, pricingRulesQueryKey),
  });
}
