// Ops: GET /api/ops/clock (the portal's date) and PUT /api/ops/clock (move it; with the Stripe emulator only).

import type { TDemoClockUpdate } from '@portal/shared/schemas/clock';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const demoClockQueryKey = ['ops', 'clock'] as const;

export async function getDemoClock() {
  return (await unwrap(api.ops.clock.$get())).clock;
}

export function useDemoClock() {
  return useQuery(queryOptions({ queryKey: demoClockQueryKey, queryFn: getDemoClock }));
}

export async function setDemoClock(body: TDemoClockUpdate) {
  return (await unwrap(api.ops.clock.$put({ json: body }))).clock;
}

export function useSetDemoClock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setDemoClock,
    onSuccess: async (clock) => {
      queryClient.setQueryData(demoClockQueryKey, clock);
      // Every date-derived view (statuses, days left, the pipeline) is stale now.
      await queryClient.invalidateQueries();
    },
  });
}
