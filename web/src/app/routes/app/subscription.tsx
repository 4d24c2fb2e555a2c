// /subscriptions/:id for customers: one subscription; admins may change its auto-renew or let it lapse.

import { CUSTOMER_ROLES } from '@portal/shared/roles';
import type { QueryClient } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { useMe } from '@/features/auth/api/get-me';
import { LapsePanel } from '@/features/retention/components/lapse-panel';
import { getSubscriptionQueryOptions } from '@/features/subscriptions/api/get-subscription';
import { SubscriptionDetail } from '@/features/subscriptions/components/subscription-detail';

export const subscriptionLoader =
  (queryClient: QueryClient) =>
  ({ params }: LoaderFunctionArgs) =>
    prefetchForRoles(queryClient, CUSTOMER_ROLES, getSubscriptionQueryOptions(params.id ?? ''));

export function SubscriptionRoute() {
  return (
    <RequireRole roles={CUSTOMER_ROLES}>
      <SubscriptionPage />
    </RequireRole>
  );
}

function SubscriptionPage() {
  const { id = '' } = useParams();
  const me = useMe();
  return (
    <SubscriptionDetail
      key={id}
      id={id}
      canManage={me.user.role === 'customer_admin'}
      aside={<LapsePanel subscriptionId={id} />}
    />
  );
}
