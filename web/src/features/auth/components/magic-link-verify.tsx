// Exchanges the token of an e-mailed sign-in link for a session, once, as soon as the page opens.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { useVerifyMagicLink } from '@/features/auth/api/verify-magic-link';
import { useCompleteSignIn } from '@/features/auth/hooks/use-complete-sign-in';
import { ApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { paths } from '@/lib/paths';

export function MagicLinkVerify({ token }: { token: string | null }) {
  const { t } = useTranslation();
  const completeSignIn = useCompleteSignIn();
  const verify = useVerifyMagicLink({ onSuccess: completeSignIn });
  const hasStarted = useRef(false);

  useEffect(() => {
    // The token works once; a ref (kept across StrictMode's double effects) makes sure it is sent once.
    if (!token || hasStarted.current) return;
    hasStarted.current = true;
    verify.mutate(token);
  }, [token, verify]);

  if (!token || verify.isError) {
    const message = !token
      ? t('auth.magicMissingToken')
      : verify.error instanceof ApiError &&
          ['invalid_credentials', 'validation_failed'].includes(verify.error.code)
        ? t('auth.magicFailed')
        : apiErrorMessage(verify.error, t);
    return (
      <div className="stack">
        <Alert tone="error">{message}</Alert>
        <p>
          <Link to={paths.signIn}>{t('auth.backToSignIn')}</Link>
        </p>
      </div>
    );
  }
  return <Spinner label={t('auth.magicWorking')} />;
}
