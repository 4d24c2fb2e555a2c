// /subscriptions/:id/offers for customers: compare the offers; admins turn one into a quote.

import { CUSTOMER_ROLES } from '@portal/shared/roles';
import type { QueryClient } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { useMe } from '@/features/auth/api/get-me';
import { getOffersQueryOptions } from '@/features/offers/api/get-offers';
import { OffersView } from '@/features/offers/components/offers-view';

export const offersLoader =
  (queryClient: QueryClient) =>
  ({ params, request }: LoaderFunctionArgs) => {
    const seats = new URL(request.url).searchParams.get('seats');
    return prefetchForRoles(
      queryClient,
      CUSTOMER_ROLES,
      getOffersQueryOptions(params.id ?? '', seats && /^\d{1,6}$/.test(seats) ? Number(seats) : null),
    );
  };

export function OffersRoute() {
  return (
    <RequireRole roles={CUSTOMER_ROLES}>
      <OffersPage />
    </RequireRole>
  );
}

function OffersPage() {
  const { id = '' } = useParams();
  const me = useMe();
  return <OffersView key={id} subscriptionId={id} canQuote={me.user.role === 'customer_admin'} />;
}
