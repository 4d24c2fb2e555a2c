// Loaders of the signed-in pages: the layout makes sure there is a user (else off to sign-in, remembering
// the page); each page starts fetching its data early, but only for a role that may see it.

import type { TRole } from '@portal/shared/schemas/auth';
import type { FetchQueryOptions, QueryClient, QueryKey } from '@tanstack/react-query';
import { type LoaderFunctionArgs, redirect } from 'react-router';
import { getMeQueryOptions, meQueryKey } from '@/features/auth/api/get-me';
import { isApiError } from '@/lib/api-client';
import { changeLocale } from '@/lib/i18n';
import { signInPath } from '@/lib/paths';

export const appLayoutLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const isFirstLoad = queryClient.getQueryData(meQueryKey) === undefined;
    try {
      const me = await queryClient.ensureQueryData(getMeQueryOptions());
      // A fresh session (new tab, reload after sign-in elsewhere) speaks the user's saved language.
      if (isFirstLoad) await changeLocale(me.user.locale);
      return null;
    } catch (error) {
      if (isApiError(error, 401)) {
        const url = new URL(request.url);
        throw redirect(signInPath(url.pathname + url.search));
      }
      throw error;
    }
  };

/** Starts a page's query without waiting for it (the page shows its own loading state). */
export async function prefetchForRoles<TData, TKey extends QueryKey>(
  queryClient: QueryClient,
  roles: readonly TRole[],
  options: FetchQueryOptions<TData, Error, TData, TKey>,
): Promise<null> {
  const me = await queryClient.ensureQueryData(getMeQueryOptions()).catch(() => null);
  if (me && roles.includes(me.user.role)) void queryClient.prefetchQuery(options);
  return null;
}
