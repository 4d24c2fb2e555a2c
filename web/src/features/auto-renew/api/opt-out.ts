// The one-click link's page (no sign-in): GET /api/auto-renew/opt-out?token= shows what it would turn off,
// POST /api/auto-renew/opt-out turns it off.

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export function optOutQueryKey(token: string) {
  return ['auto-renew', 'opt-out', token] as const;
}

export async function getOptOut(token: string) {
  return (await unwrap(api['auto-renew']['opt-out'].$get({ query: { token } }))).optOut;
}

export function useOptOut(token: string) {
  return useQuery(
    queryOptions({
      queryKey: optOutQueryKey(token),
      queryFn: () => getOptOut(token),
      enabled: token.length > 0,
    }),
  );
}

export async function optOut(token: string) {
  return (await unwrap(api['auto-renew']['opt-out'].$post({ json: { token } }))).optOut;
}

export function useConfirmOptOut(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => optOut(token),
    onSuccess: (info) => queryClient.setQueryData(optOutQueryKey(token), info),
  });
}
