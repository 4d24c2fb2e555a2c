// PUT /api/auto-renew/reminders (admins): mute or unmute the account's renewal reminders.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateOwning } from '@/lib/query-client';

export async function updateReminders(muted: boolean) {
  return unwrap(api['auto-renew'].reminders.$put({ json: { muted } }));
}

export function useUpdateReminders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (muted: boolean) => updateReminders(muted),
    onSuccess: () => invalidateOwning(queryClient, ['subscriptions']),
  });
}
