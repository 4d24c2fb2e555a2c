// /subscriptions/:id/value-report[?term=previous] for customers: the value report of a subscription's term.

import { CUSTOMER_ROLES } from '@portal/shared/roles';
import type { QueryClient } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams, useSearchParams } from 'react-router';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { RenewCallout } from '@/features/subscriptions/components/renew-callout';
import { getValueReportQueryOptions } from '@/features/value-reports/api/get-value-report';
import { ValueReportView } from '@/features/value-reports/components/value-report-view';

const termOf = (search: URLSearchParams) => (search.get('term') === 'previous' ? 'previous' : 'current');

export const valueReportLoader =
  (queryClient: QueryClient) =>
  ({ params, request }: LoaderFunctionArgs) =>
    prefetchForRoles(
      queryClient,
      CUSTOMER_ROLES,
      getValueReportQueryOptions(params.id ?? '', termOf(new URL(request.url).searchParams)),
    );

export function ValueReportRoute() {
  return (
    <RequireRole roles={CUSTOMER_ROLES}>
      <ValueReportPage />
    </RequireRole>
  );
}

function ValueReportPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const term = termOf(search);
  return (
    <>
      <RenewCallout subscriptionId={id} />
      <ValueReportView key={`${id}:${term}`} id={id} term={term} />
    </>
  );
}
