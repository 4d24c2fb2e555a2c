// POST /api/account/users (admins): invites a colleague by e-mail; 409 when the address is in use.

import type { TInviteRequest } from '@portal/shared/schemas/accounts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { accountUsersQueryKey } from './get-users';

export async function inviteUser(body: TInviteRequest) {
  return (await unwrap(api.account.users.$post({ json: body }))).user;
}

export function useInviteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inviteUser,
    onSuccess: () => invalidateOwning(queryClient, accountUsersQueryKey),
  });
}
