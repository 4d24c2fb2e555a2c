// The actions ops take on an account, each with a reason (POST, ops): invite or re-invite a contact, cancel a
// contract, view as the customer (read-only) and end that view.

import type { TInviteContact } from '@portal/shared/schemas/ops-workspace';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { opsAccountKey } from './get-account';

export function useInviteContact(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TInviteContact) =>
      unwrap(api.ops.accounts[':id'].invitations.$post({ param: { id: accountId }, json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: opsAccountKey(accountId) }),
  });
}

export function useCancelContract(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { subscriptionId: string; reason: string }) =>
      unwrap(
        api.ops.accounts[':id'].subscriptions[':subscriptionId'].cancel.$post({
          param: { id: accountId, subscriptionId: input.subscriptionId },
          json: { reason: input.reason },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: opsAccountKey(accountId) }),
  });
}

/** Starts the read-only view; every cached answer is dropped, since the same session now reads as a customer. */
export function useStartViewAs(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.ops.accounts[':id']['view-as'].$post({ param: { id: accountId }, json: { reason } })),
    // The signed-in layout's loader then reads /me afresh (the banner comes or goes with it).
    onSuccess: () => queryClient.removeQueries(),
  });
}

export function useEndViewAs() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.ops['view-as'].end.$post()),
    // The signed-in layout's loader then reads /me afresh (the banner comes or goes with it).
    onSuccess: () => queryClient.removeQueries(),
  });
}
