// /team for customers: the account's people; admins invite, change roles and remove.

import { CUSTOMER_ROLES } from '@portal/shared/roles';
import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { Card } from '@/components/ui/card';
import { getUsersQueryOptions } from '@/features/accounts/api/get-users';
import { InviteForm } from '@/features/accounts/components/invite-form';
import { TeamTable } from '@/features/accounts/components/team-table';
import { useMe } from '@/features/auth/api/get-me';

export const teamLoader = (queryClient: QueryClient) => () =>
  prefetchForRoles(queryClient, CUSTOMER_ROLES, getUsersQueryOptions());

export function TeamRoute() {
  return (
    <RequireRole roles={CUSTOMER_ROLES}>
      <Team />
    </RequireRole>
  );
}

function Team() {
  const { t } = useTranslation();
  const me = useMe();
  const isAdmin = me.user.role === 'customer_admin';
  return (
    <ContentLayout
      title={t('team.title')}
      titleSuffix={t('app.name')}
      lead={t('team.intro', { account: me.account?.name ?? '' })}
    >
      <div className="stack stack--lg">
        {!isAdmin ? <p className="note">{t('team.readOnly')}</p> : null}
        <TeamTable canManage={isAdmin} currentUserId={me.user.id} />
        {isAdmin ? (
          <Card title={t('team.inviteTitle')}>
            <div className="stack">
              <p className="muted">{t('team.inviteIntro')}</p>
              <InviteForm />
            </div>
          </Card>
        ) : null}
      </div>
    </ContentLayout>
  );
}
