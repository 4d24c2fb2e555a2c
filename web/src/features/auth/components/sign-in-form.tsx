// Sign in with e-mail and password, or ask for a sign-in link by e-mail; both use the one Email field.

import type { TFunction } from 'i18next';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LiveRegion } from '@/components/ui/live-region';
import { TextField } from '@/components/ui/text-field';
import { useRequestMagicLink } from '@/features/auth/api/request-magic-link';
import { useSignIn } from '@/features/auth/api/sign-in';
import { useCompleteSignIn } from '@/features/auth/hooks/use-complete-sign-in';
import { ApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { isEmailAddress } from '@/lib/email';

type FieldErrors = { email?: string; password?: string };

/** The message above the form; field problems are shown at their fields instead. */
function formErrorFor(error: Error | null, t: TFunction): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.code === 'invalid_credentials') return t('auth.invalidCredentials');
  if (
    error instanceof ApiError &&
    error.code === 'validation_failed' &&
    Object.keys(error.fields).length > 0
  ) {
    return null;
  }
  return apiErrorMessage(error, t);
}

export function SignInForm() {
  const { t } = useTranslation();
  const completeSignIn = useCompleteSignIn();
  const signIn = useSignIn({ onSuccess: completeSignIn });
  const magicLink = useRequestMagicLink();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const serverFields = {
    ...(magicLink.error instanceof ApiError ? magicLink.error.fields : {}),
    ...(signIn.error instanceof ApiError ? signIn.error.fields : {}),
  };
  const emailError = fieldErrors.email ?? serverFields.email;
  const passwordError = fieldErrors.password ?? serverFields.password;

  const isEmailValid = isEmailAddress(email);

  function submitPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    magicLink.reset();
    const errors: FieldErrors = {
      ...(isEmailValid ? {} : { email: t('errors.invalidEmail') }),
      ...(password ? {} : { password: t('errors.passwordRequired') }),
    };
    setFieldErrors(errors);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    signIn.mutate({ email, password });
  }

  function requestLink() {
    signIn.reset();
    if (!isEmailValid) {
      setFieldErrors({ email: t('errors.invalidEmail') });
      return emailRef.current?.focus();
    }
    setFieldErrors({});
    magicLink.mutate(email);
  }

  const formErrorText = formErrorFor(signIn.error ?? magicLink.error, t);

  return (
    <form className="stack" noValidate onSubmit={submitPassword}>
      {formErrorText ? <Alert tone="error">{formErrorText}</Alert> : null}
      <TextField
        ref={emailRef}
        label={t('auth.email')}
        name="email"
        type="email"
        autoComplete="username"
        inputMode="email"
        value={email}
        error={emailError}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        ref={passwordRef}
        label={t('auth.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        error={passwordError}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Button type="submit" isLoading={signIn.isPending} className="button--block">
        {t('auth.signIn')}
      </Button>
      <div className="divider" aria-hidden="true">
        <span>{t('auth.or')}</span>
      </div>
      <p className="muted">{t('auth.magicLinkHint')}</p>
      <Button
        variant="secondary"
        isLoading={magicLink.isPending}
        className="button--block"
        onClick={requestLink}
      >
        {t('auth.sendMagicLink')}
      </Button>
      <LiveRegion>
        {magicLink.isSuccess ? <Alert tone="success">{t('auth.magicLinkSent')}</Alert> : null}
      </LiveRegion>
    </form>
  );
}
