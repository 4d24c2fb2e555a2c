// PUT /api/account/users/:userId/role (admins); 422 when it would leave the account without an admin.

import type { TCustomerRole } from '@portal/shared/schemas/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { accountUsersQueryKey } from './get-users';

export async function changeRole(input: { userId: string; role: TCustomerRole }) {
  const response = api.account.users[':userId'].role.$put({
    param: { userId: input.userId },
    json: { role: input.role },
  });
  return (await unwrap(response)).user;
}

export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeRole,
    onSuccess: () => invalidateOwning(queryClient, accountUsersQueryKey),
  });
}
