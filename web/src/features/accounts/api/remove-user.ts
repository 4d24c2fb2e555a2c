// DELETE /api/account/users/:userId (admins); 422 when it would leave the account without an admin.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { accountUsersQueryKey } from './get-users';

export async function removeUser(userId: string) {
  await unwrap(api.account.users[':userId'].$delete({ param: { userId } }));
}

export function useRemoveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeUser,
    onSuccess: () => invalidateOwning(queryClient, accountUsersQueryKey),
  });
}
