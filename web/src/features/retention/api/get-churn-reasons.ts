// GET /api/retention/churn-reasons (finance, ops): the reasons given in the last 12 months.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export function getChurnReasonsQueryOptions() {
  return queryOptions({
    queryKey: ['retention', 'churn-reasons'] as const,
    queryFn: async () => (await unwrap(api.retention['churn-reasons'].$get())).summary,
  });
}

export function useChurnReasons() {
  return useQuery(getChurnReasonsQueryOptions());
}
