// POST /api/ops/metrics (ops): adds a metric to the catalog; 409 when the code is taken.

import type { TCreateMetricRequest } from '@portal/shared/schemas/value-reports';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { metricsQueryKey } from './get-metrics';

export async function createMetric(body: TCreateMetricRequest) {
  return (await unwrap(api.ops.metrics.$post({ json: body }))).metric;
}

export function useCreateMetric() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMetric,
    onSuccess: () => invalidateOwning(queryClient, metricsQueryKey),
  });
}
