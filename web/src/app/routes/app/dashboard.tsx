// / for customers: every subscription, most urgent first.

import { CUSTOMER_ROLES } from '@portal/shared/roles';
import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { useMe } from '@/features/auth/api/get-me';
import { getSubscriptionsQueryOptions } from '@/features/subscriptions/api/get-subscriptions';
import { SubscriptionList } from '@/features/subscriptions/components/subscription-list';

export const dashboardLoader = (queryClient: QueryClient) => () =>
  prefetchForRoles(queryClient, CUSTOMER_ROLES, getSubscriptionsQueryOptions());

export function DashboardRoute() {
  return (
    <RequireRole roles={CUSTOMER_ROLES}>
      <Dashboard />
    </RequireRole>
  );
}

function Dashboard() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <ContentLayout
      title={t('subscriptions.title')}
      titleSuffix={t('app.name')}
      lead={t('subscriptions.intro', { account: me.account?.name ?? '' })}
    >
      <SubscriptionList />
    </ContentLayout>
  );
}
