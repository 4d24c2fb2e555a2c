// GET and PUT /api/retention/save-offers (ops): the one save offer per churn reason shown before a customer
// turns auto-renew off.

import type { TSaveOffersUpdate } from '@portal/shared/schemas/retention';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

const saveOffersKey = ['retention', 'save-offers'] as const;

export function getSaveOffersQueryOptions() {
  return queryOptions({
    queryKey: saveOffersKey,
    queryFn: async () => (await unwrap(api.retention['save-offers'].$get())).offers,
  });
}

export function useSaveOffers() {
  return useQuery(getSaveOffersQueryOptions());
}

export function useUpdateSaveOffers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TSaveOffersUpdate) =>
      (await unwrap(api.retention['save-offers'].$put({ json: body }))).offers,
    onSuccess: (offers) => queryClient.setQueryData(saveOffersKey, offers),
  });
}
