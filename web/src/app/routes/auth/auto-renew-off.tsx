// /auto-renew/off?token=…: the one-click link in auto-renew notices (no sign-in; asks for one confirmation).

import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PublicFrame } from '@/app/routes/auth/public-frame';
import { OptOutView } from '@/features/auto-renew/components/opt-out-view';

export function AutoRenewOffRoute() {
  const { t } = useTranslation('autoRenew');
  const [searchParams] = useSearchParams();
  return (
    <PublicFrame title={t('optOut.title')}>
      <OptOutView token={searchParams.get('token') ?? ''} />
    </PublicFrame>
  );
}
