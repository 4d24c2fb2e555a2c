// /checkout/success?session_id= (customers): where the payment page returns; waits until the payment is
// recorded and applied, then shows the new last day of service and the invoice.

import { CUSTOMER_ROLES } from '@portal/shared/roles';
import { useSearchParams } from 'react-router';
import { RequireRole } from '@/app/routes/app/require-role';
import { useMe } from '@/features/auth/api/get-me';
import { CheckoutResult } from '@/features/payments/components/checkout-result';

export function CheckoutSuccessRoute() {
  return (
    <RequireRole roles={CUSTOMER_ROLES}>
      <CheckoutSuccessPage />
    </RequireRole>
  );
}

function CheckoutSuccessPage() {
  const [search] = useSearchParams();
  const sessionId = search.get('session_id');
  const me = useMe();
  return <CheckoutResult key={sessionId ?? ''} sessionId={sessionId} payerEmail={me.user.email} />;
}
