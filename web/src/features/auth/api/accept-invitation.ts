// POST /api/auth/invitations/accept: the invited user's password, then a session.

import type { TLocale } from '@portal/shared/schemas/common';
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { TSignedInUser } from './sign-in';

export type TAcceptInvitation = { token: string; password: string; locale: TLocale };

export function acceptInvitation(body: TAcceptInvitation) {
  return unwrap(api.auth.invitations.accept.$post({ json: body }));
}

export function useAcceptInvitation(options: { onSuccess: (user: TSignedInUser) => void | Promise<void> }) {
  return useMutation({ mutationFn: acceptInvitation, onSuccess: ({ user }) => options.onSuccess(user) });
}
