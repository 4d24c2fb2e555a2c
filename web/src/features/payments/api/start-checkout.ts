// POST /api/quotes/:id/checkout (admins): the hosted payment page for exactly the quote's total. The body
// names options only; the server charges the quote's own price. A second call reuses the open session.

import type { TCheckoutRequest } from '@portal/shared/schemas/payments';
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export async function startCheckout(quoteId: string, body: TCheckoutRequest) {
  return (await unwrap(api.quotes[':id'].checkout.$post({ param: { id: quoteId }, json: body }))).checkout;
}

export function useStartCheckout(quoteId: string) {
  return useMutation({ mutationFn: (body: TCheckoutRequest) => startCheckout(quoteId, body) });
}
