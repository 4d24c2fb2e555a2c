// POST /api/auth/magic-link/verify: exchanges a single-use link token for a session.

import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { TSignedInUser } from './sign-in';

export function verifyMagicLink(token: string) {
  return unwrap(api.auth['magic-link'].verify.$post({ json: { token } }));
}

export function useVerifyMagicLink(options: { onSuccess: (user: TSignedInUser) => void | Promise<void> }) {
  return useMutation({ mutationFn: verifyMagicLink, onSuccess: ({ user }) => options.onSuccess(user) });
}
