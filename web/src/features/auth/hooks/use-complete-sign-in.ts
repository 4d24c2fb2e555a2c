// What every way of signing in ends with: a clean cache, the user's saved language, and their start page
// (or the page they were sent away from).

import type { TRole } from '@portal/shared/schemas/auth';
import type { TLocale } from '@portal/shared/schemas/common';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { changeLocale } from '@/lib/i18n';
import { homePathFor, redirectTargetFrom } from '@/lib/paths';

export function useCompleteSignIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  return async (user: { role: TRole; locale: TLocale }) => {
    queryClient.clear();
    await changeLocale(user.locale);
    await navigate(redirectTargetFrom(searchParams) ?? homePathFor(user.role), { replace: true });
  };
}
