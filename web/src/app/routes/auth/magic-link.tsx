// /sign-in/magic?token=…: the landing page of an e-mailed sign-in link.

import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PublicFrame } from '@/app/routes/auth/public-frame';
import { MagicLinkVerify } from '@/features/auth/components/magic-link-verify';

export function MagicLinkRoute() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  return (
    <PublicFrame title={t('auth.magicTitle')}>
      <MagicLinkVerify token={searchParams.get('token')} />
    </PublicFrame>
  );
}
