// /quotes/:id for customers: the quote and its print-ready document; admins pay it here.

import { CUSTOMER_ROLES } from '@portal/shared/roles';
import type { QueryClient } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { useMe } from '@/features/auth/api/get-me';
import { getQuoteQueryOptions } from '@/features/offers/api/get-quote';
import { QuoteView } from '@/features/offers/components/quote-view';
import { PayQuotePanel } from '@/features/payments/components/pay-quote-panel';

export const quoteLoader =
  (queryClient: QueryClient) =>
  ({ params }: LoaderFunctionArgs) =>
    prefetchForRoles(queryClient, CUSTOMER_ROLES, getQuoteQueryOptions(params.id ?? ''));

export function QuoteRoute() {
  return (
    <RequireRole roles={CUSTOMER_ROLES}>
      <QuotePage />
    </RequireRole>
  );
}

function QuotePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const canPay = me.user.role === 'customer_admin';
  return (
    <QuoteView
      key={id}
      quoteId={id}
      isAdmin={canPay}
      payAction={(quote) => <PayQuotePanel quote={quote} canPay={canPay} />}
    />
  );
}
