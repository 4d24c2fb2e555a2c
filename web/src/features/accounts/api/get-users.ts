// GET /api/account/users: the people of the signed-in customer's account.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** Owned by every change to the account's people. */
export const accountUsersQueryKey = ['account', 'users'] as const;

export async function getUsers() {
  return (await unwrap(api.account.users.$get())).users;
}

export function getUsersQueryOptions() {
  return queryOptions({ queryKey: accountUsersQueryKey, queryFn: getUsers });
}

export function useUsers() {
  return useQuery(getUsersQueryOptions());
}
