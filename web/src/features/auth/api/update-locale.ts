// PUT /api/me/locale: saves the signed-in user's language (e-mails use it too).

import type { TLocale } from '@portal/shared/schemas/common';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';
import { meQueryKey, type TMeData } from './get-me';

export function updateLocale(locale: TLocale) {
  return unwrap(api.me.locale.$put({ json: { locale } }));
}

export function useUpdateLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateLocale,
    onMutate: (locale) => {
      queryClient.setQueryData<TMeData>(meQueryKey, (me) =>
        me ? { ...me, user: { ...me.user, locale } } : me,
      );
    },
    onSettled: () => invalidateOwning(queryClient, meQueryKey),
  });
}
