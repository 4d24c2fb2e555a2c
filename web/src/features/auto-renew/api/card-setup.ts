// Saving a card: POST /api/auto-renew/card-setup opens the hosted setup page (the browser goes there), and on
// the way back POST /api/auto-renew/card-setup/confirm reads the session from Stripe and saves the card.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';

export async function startCardSetup(subscriptionId: string) {
  return unwrap(api['auto-renew']['card-setup'].$post({ json: { subscriptionId } }));
}

export function useStartCardSetup() {
  return useMutation({
    mutationFn: (subscriptionId: string) => startCardSetup(subscriptionId),
    onSuccess: ({ url }) => {
      window.location.assign(url);
    },
  });
}

export async function confirmCardSetup(sessionId: string) {
  return unwrap(api['auto-renew']['card-setup'].confirm.$post({ json: { sessionId } }));
}

export function useConfirmCardSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => confirmCardSetup(sessionId),
    onSuccess: () => invalidateOwning(queryClient, ['subscriptions']),
  });
}
