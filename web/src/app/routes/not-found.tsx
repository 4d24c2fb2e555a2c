// Any address the app does not know.

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PublicFrame } from '@/app/routes/auth/public-frame';
import { paths } from '@/lib/paths';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <PublicFrame title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to={paths.home}>{t('common.goHome')}</Link>
      </p>
    </PublicFrame>
  );
}
