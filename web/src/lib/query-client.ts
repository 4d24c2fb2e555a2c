// The one QueryClient: no retries for answers that will not change (4xx), a hook for "the session is gone"
// (any 401 unauthenticated sends the user to sign-in), and the one helper mutations use to refresh what they own.

import { MutationCache, QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-client';

let onUnauthenticated: (() => void) | null = null;

/** The app (which owns the router) registers what to do when the server says the session is gone. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

function handleError(error: unknown): void {
  if (error instanceof ApiError && error.code === 'unauthenticated') onUnauthenticated?.();
}

const MAX_RETRIES = 2;

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleError }),
  mutationCache: new MutationCache({ onError: handleError }),
  defaultOptions: {
    queries: { staleTime: 30_000, retry: shouldRetry },
    mutations: { retry: false },
  },
});

/**
 * The one way a mutation refreshes the data it changed: each key with everything below it (['subscriptions']
 * covers the list and every ['subscriptions', id]) is marked stale and refetched if on screen.
 */
export async function invalidateOwning(client: QueryClient, ...keys: QueryKey[]): Promise<void> {
  await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
}
