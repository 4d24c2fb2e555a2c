// /invitations/accept?token=…: an invited colleague chooses a password.

import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PublicFrame } from '@/app/routes/auth/public-frame';
import { AcceptInvitationForm } from '@/features/auth/components/accept-invitation-form';

export function AcceptInvitationRoute() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  return (
    <PublicFrame title={t('auth.invitationTitle')}>
      <p className="muted">{t('auth.invitationIntro')}</p>
      <AcceptInvitationForm token={searchParams.get('token')} />
    </PublicFrame>
  );
}
