// GET /api/ops/pricing-rules (ops): the rules in force and the published versions.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const pricingRulesQueryKey = ['ops', 'pricing-rules'] as const;

export async function getPricingRules() {
  return unwrap(api.ops['pricing-rules'].$get());
}

export function getPricingRulesQueryOptions() {
  return queryOptions({ queryKey: pricingRulesQueryKey, queryFn: getPricingRules });
}

export function usePricingRules() {
  return useQuery(getPricingRulesQueryOptions());
}
