// Shows a page only to the roles it is for; anyone else sees "Not allowed" (the server refuses them anyway).

import type { TRole } from '@portal/shared/schemas/auth';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { useMe } from '@/features/auth/api/get-me';
import { homePathFor } from '@/lib/paths';

export function RequireRole({ roles, children }: { roles: readonly TRole[]; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (roles.includes(me.user.role)) return children;
  return (
    <ContentLayout title={t('notAllowed.title')} titleSuffix={t('app.name')} lead={t('notAllowed.body')}>
      <p>
        <Link to={homePathFor(me.user.role)}>{t('common.goHome')}</Link>
      </p>
    </ContentLayout>
  );
}
