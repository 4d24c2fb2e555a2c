// GET /api/checkout/sessions/:id: where a checkout stands (the success page polls it until it is settled).

import type { TCheckoutStatus } from '@portal/shared/schemas/payments';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export function checkoutStatusQueryKey(sessionId: string) {
  return ['checkout', sessionId] as const;
}

export async function getCheckoutStatus(sessionId: string) {
  return (await unwrap(api.checkout.sessions[':id'].$get({ param: { id: sessionId } }))).checkout;
}

const POLL_MS = 1_500;

/** Settled states need no more polling. */
export function isSettled(status: TCheckoutStatus | undefined): boolean {
  return status !== undefined && status.state !== 'processing' && status.state !== 'open';
}

export function getCheckoutStatusQueryOptions(sessionId: string, options: { poll: boolean }) {
  return queryOptions({
    queryKey: checkoutStatusQueryKey(sessionId),
    queryFn: () => getCheckoutStatus(sessionId),
    staleTime: 0,
    refetchInterval: (query) => (options.poll && !isSettled(query.state.data) ? POLL_MS : false),
  });
}

export function useCheckoutStatus(sessionId: string, options: { poll: boolean }) {
  return useQuery(getCheckoutStatusQueryOptions(sessionId, options));
}
