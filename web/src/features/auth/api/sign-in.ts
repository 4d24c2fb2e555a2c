// POST /api/auth/sign-in with an e-mail and password.

import type { TSignInRequest } from '@portal/shared/schemas/auth';
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export function signIn(body: TSignInRequest) {
  return unwrap(api.auth['sign-in'].$post({ json: body }));
}

export type TSignedInUser = Awaited<ReturnType<typeof signIn>>['user'];

export function useSignIn(options: { onSuccess: (user: TSignedInUser) => void | Promise<void> }) {
  return useMutation({ mutationFn: signIn, onSuccess: ({ user }) => options.onSuccess(user) });
}
