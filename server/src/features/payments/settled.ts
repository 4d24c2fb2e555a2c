// What follows a converged payment, after its transaction: a term just paid expires every other open checkout
// of the subscription; money that could not be applied is refunded. Payments' own reaction to its
// `paymentSettled` hook (registered in server/src/hooks.ts), so that convergence, retiring checkouts and
// refunds (which converge again) do not import each other in a circle.

import type { AppDeps } from '../../platform/http/context.ts';
import { retireOpenCheckouts } from './attempts.ts';
import type { PaymentSettled } from './hooks.ts';
import * as repo from './repo.ts';
import { refundUnappliedPayment } from './unapplied.ts';

/**
 * After the payment's transaction (Stripe calls never run inside one): a term just paid expires every other
 * open checkout of the subscription; money that could not be applied is refunded.
 */
export async function afterPaymentSettled(deps: AppDeps, input: PaymentSettled): Promise<void> {
  if (input.isTermPaid) await retireOpenCheckouts(deps, input.subscriptionId, 'term_paid');
  const payment = await repo.findPayment(deps.db, input.paymentId);
  if (payment?.fulfilment_status === 'rejected' && !payment.unapplied_refund_error) {
    await refundUnappliedPayment(deps, payment.id);
  }
}
