// /subscriptions/:id/auto-renew for customers: the automatic renewal, its card, notices and consent; admins
// turn it on or off.

import { CUSTOMER_ROLES } from '@portal/shared/roles';
import type { QueryClient } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { useMe } from '@/features/auth/api/get-me';
import { getAutoRenewQueryOptions } from '@/features/auto-renew/api/get-auto-renew';
import { AutoRenewView } from '@/features/auto-renew/components/auto-renew-view';
import { LeavingStep } from '@/features/retention/components/leaving-step';
import { RenewCallout } from '@/features/subscriptions/components/renew-callout';

export const autoRenewLoader =
  (queryClient: QueryClient) =>
  ({ params }: LoaderFunctionArgs) =>
    prefetchForRoles(queryClient, CUSTOMER_ROLES, getAutoRenewQueryOptions(params.id ?? ''));

export function AutoRenewRoute() {
  return (
    <RequireRole roles={CUSTOMER_ROLES}>
      <AutoRenewPage />
    </RequireRole>
  );
}

function AutoRenewPage() {
  const { id = '' } = useParams();
  const me = useMe();
  return (
    <>
      <RenewCallout subscriptionId={id} />
      <AutoRenewView
        key={id}
        subscriptionId={id}
        canManage={me.user.role === 'customer_admin'}
        beforeTurnOff={(turnOff, cancel) => (
          <LeavingStep subscriptionId={id} turnOff={turnOff} onCancel={cancel} />
        )}
      />
    </>
  );
}
