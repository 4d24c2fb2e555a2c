// A refund of time paid for and not used (a consumer ending a contract early, decision 017): made through the
// Stripe SDK under an idempotency key naming exactly that request (the caller's reason and the parameters'
// digest), unless a refund with the same metadata exists already, then converged like any refund: the refund
// row, its audit entry and the invoice's credit note.

import type { AppDeps } from '../../platform/http/context.ts';
import { syncCharge } from './converge.ts';
import * as repo from './repo.ts';
import { requestHash } from './stripe-requests.ts';

/** What is left of a payment to refund (amount paid less refunds already made); 0 for an unknown payment. */
export async function refundableMinor(deps: AppDeps, paymentId: string): Promise<number> {
  const payment = await repo.findPayment(deps.db, paymentId);
  if (payment?.status !== 'succeeded') return 0;
  return Math.max(0, payment.amount_minor - payment.amount_refunded_minor);
}

/**
 * Refunds exactly `amountMinor` of a payment (planned by the caller, never recomputed: a retry after a crash
 * must be the same request). `keyPrefix` names the action (e.g. `cancel-refund:<cancellation>`); the key adds
 * the payment and the parameters' digest, so a repeat is the same refund at Stripe and other parameters always
 * travel under another key. Throws what Stripe answers when it refuses (e.g. more than is left to refund).
 */
export async function refundUnusedTime(
  deps: AppDeps,
  input: { paymentId: string; amountMinor: number; keyPrefix: string; metadata: Record<string, string> },
): Promise<{ refundId: string } | null> {
  const payment = await repo.findPayment(deps.db, input.paymentId);
  if (payment?.status !== 'succeeded') return null;
  if (input.amountMinor <= 0) return null;
  // Made already (a crash before it was recorded, perhaps longer ago than Stripe keeps the key): found by the
  // metadata it was made with, never made twice.
  if (payment.stripe_charge_id) {
    for await (const earlier of deps.stripe.client.refunds.list({
      charge: payment.stripe_charge_id,
      limit: 100,
    })) {
      const isSame = Object.entries(input.metadata).every(
        ([key, value]) => earlier.metadata?.[key] === value,
      );
      if (isSame && earlier.status !== 'failed' && earlier.status !== 'canceled')
        return { refundId: earlier.id };
    }
  }
  const params = {
    payment_intent: payment.stripe_payment_intent_id,
    amount: input.amountMinor,
    reason: 'requested_by_customer' as const,
    metadata: { payment_id: payment.id, ...input.metadata },
  };
  const refund = await deps.stripe.client.refunds.create(params, {
    idempotencyKey: `${input.keyPrefix}:${payment.id}:${requestHash(params)}`,
  });
  if (payment.stripe_charge_id) {
    await syncCharge(deps, payment.stripe_charge_id).catch((error: unknown) => {
      deps.logger.warn({ err: error, paymentId: payment.id }, 'refund made; its record waits for the sweep');
    });
  }
  return { refundId: refund.id };
}
