// An invited colleague chooses a password (at least 10 characters, not easy to guess) and is signed in.

import { ZPassword } from '@portal/shared/schemas/auth';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useAcceptInvitation } from '@/features/auth/api/accept-invitation';
import { useCompleteSignIn } from '@/features/auth/hooks/use-complete-sign-in';
import { ApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { currentLocale } from '@/lib/i18n';
import { paths } from '@/lib/paths';

export function AcceptInvitationForm({ token }: { token: string | null }) {
  const { t } = useTranslation();
  const completeSignIn = useCompleteSignIn();
  const accept = useAcceptInvitation({ onSuccess: completeSignIn });
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const passwordRef = useRef<HTMLInputElement>(null);

  if (!token) {
    return (
      <div className="stack">
        <Alert tone="error">{t('auth.invitationMissingToken')}</Alert>
        <p>
          <Link to={paths.signIn}>{t('auth.backToSignIn')}</Link>
        </p>
      </div>
    );
  }
  const invitationToken = token;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ZPassword.safeParse(password).success) {
      setPasswordError(password ? t('errors.passwordTooShort') : t('errors.passwordRequired'));
      passwordRef.current?.focus();
      return;
    }
    setPasswordError(undefined);
    accept.mutate({ token: invitationToken, password, locale: currentLocale() });
  }

  const error = accept.error;
  const isTokenProblem =
    error instanceof ApiError &&
    (error.code === 'not_found' || (error.code === 'validation_failed' && 'token' in error.fields));
  const errorText = !error ? null : isTokenProblem ? t('auth.invitationFailed') : apiErrorMessage(error, t);
  const serverField = error instanceof ApiError ? error.fields.password : undefined;
  // The server's password check (common words, names, dates, keyboard patterns) answers this code.
  const serverPasswordError = serverField === 'weak_password' ? t('errors.weakPassword') : serverField;

  return (
    <form className="stack" noValidate onSubmit={submit}>
      {errorText && !serverPasswordError ? <Alert tone="error">{errorText}</Alert> : null}
      <TextField
        ref={passwordRef}
        label={t('auth.password')}
        hint={t('auth.passwordHint')}
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        value={password}
        error={passwordError ?? serverPasswordError}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Button type="submit" isLoading={accept.isPending} className="button--block">
        {t('auth.acceptInvitation')}
      </Button>
    </form>
  );
}
