// /sign-in: password or e-mailed link. Someone already signed in goes straight to their start page.

import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type LoaderFunctionArgs, redirect } from 'react-router';
import { PublicFrame } from '@/app/routes/auth/public-frame';
import { meQueryKey, type TMeData } from '@/features/auth/api/get-me';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { homePathFor, redirectTargetFrom } from '@/lib/paths';

export const signInLoader =
  (queryClient: QueryClient) =>
  ({ request }: LoaderFunctionArgs) => {
    const me = queryClient.getQueryData<TMeData>(meQueryKey);
    if (me)
      throw redirect(redirectTargetFrom(new URL(request.url).searchParams) ?? homePathFor(me.user.role));
    return null;
  };

export function SignInRoute() {
  const { t } = useTranslation();
  return (
    <PublicFrame title={t('auth.signInTitle')}>
      <p className="muted">{t('auth.signInIntro')}</p>
      <SignInForm />
    </PublicFrame>
  );
}
