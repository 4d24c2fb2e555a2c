// POST /api/auth/sign-out, then forget everything cached for this user.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export function signOut() {
  return unwrap(api.auth['sign-out'].$post());
}

export function useSignOut(options: { onSignedOut: () => Promise<void> }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    // Signed out on the server or not, this browser stops showing the user's data.
    onSettled: async () => {
      await options.onSignedOut();
      queryClient.clear();
    },
  });
}
