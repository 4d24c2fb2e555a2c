// Admins invite a colleague: name, e-mail and role. The server e-mails a link to choose a password.

import type { TCustomerRole } from '@portal/shared/schemas/auth';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LiveRegion } from '@/components/ui/live-region';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { useInviteUser } from '@/features/accounts/api/invite-user';
import { teamErrorMessage } from '@/features/accounts/utils/team-error';
import { ApiError } from '@/lib/api-client';
import { isEmailAddress } from '@/lib/email';

type FieldErrors = { name?: string; email?: string };

export function InviteForm() {
  const { t } = useTranslation();
  const invite = useInviteUser();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TCustomerRole>('customer_member');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    const errors: FieldErrors = {
      ...(name.trim() ? {} : { name: t('errors.nameRequired') }),
      ...(isEmailAddress(email) ? {} : { email: t('errors.invalidEmail') }),
    };
    setFieldErrors(errors);
    if (errors.name) return nameRef.current?.focus();
    if (errors.email) return emailRef.current?.focus();
    invite.mutate(
      { name: name.trim(), email: email.trim(), role },
      {
        onSuccess: (user) => {
          setNotice(t('team.invited', { email: user.email }));
          setName('');
          setEmail('');
          setRole('customer_member');
        },
      },
    );
  }

  const serverFields = invite.error instanceof ApiError ? invite.error.fields : {};
  const isEmailInUse = invite.error instanceof ApiError && invite.error.code === 'conflict';

  return (
    <form className="stack" noValidate onSubmit={submit}>
      {invite.error ? <Alert tone="error">{teamErrorMessage(invite.error, t)}</Alert> : null}
      <div className="form-grid">
        <TextField
          ref={nameRef}
          label={t('team.name')}
          name="name"
          autoComplete="off"
          value={name}
          error={fieldErrors.name ?? serverFields.name}
          onChange={(event) => setName(event.target.value)}
        />
        <TextField
          ref={emailRef}
          label={t('team.email')}
          name="email"
          type="email"
          autoComplete="off"
          value={email}
          error={fieldErrors.email ?? (isEmailInUse ? t('team.emailInUse') : serverFields.email)}
          onChange={(event) => setEmail(event.target.value)}
        />
        <SelectField
          label={t('team.role')}
          name="role"
          value={role}
          options={[
            { value: 'customer_member', label: t('team.roles.customer_member') },
            { value: 'customer_admin', label: t('team.roles.customer_admin') },
          ]}
          onChange={(event) =>
            setRole(event.target.value === 'customer_admin' ? 'customer_admin' : 'customer_member')
          }
        />
      </div>
      <div>
        <Button type="submit" isLoading={invite.isPending}>
          {t('team.invite')}
        </Button>
      </div>
      <LiveRegion>{notice ? <Alert tone="success">{notice}</Alert> : null}</LiveRegion>
    </form>
  );
}
