// POST /api/auth/magic-link: always 202, whether or not the address is known.

import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export function requestMagicLink(email: string) {
  return unwrap(api.auth['magic-link'].$post({ json: { email } }));
}

export function useRequestMagicLink() {
  return useMutation({ mutationFn: requestMagicLink });
}
