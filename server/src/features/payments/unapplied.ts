// Money that arrived but could not be applied (a term already paid, a quote withdrawn or replaced, a contract
// changed meanwhile) is given back at once: a refund of what is left of it, under a key naming that one
// request, audited; the refund itself is then converged like any other (refund row, audit). When Stripe
// refuses the refund the reason is kept on the payment, audited, and reconciliation raises it as an exception
// (decision 010: no money taken and not applied).

import { recordAudit } from '../../platform/audit/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { syncCharge } from './converge.ts';
import * as repo from './repo.ts';
import { requestHash } from './stripe-requests.ts';

export type UnappliedOutcome = 'refunded' | 'refund_failed' | 'not_needed';

export async function refundUnappliedPayment(deps: AppDeps, paymentId: string): Promise<UnappliedOutcome> {
  const payment = await repo.findPayment(deps.db, paymentId);
  if (payment?.status !== 'succeeded' || payment.fulfilment_status !== 'rejected') {
    return 'not_needed';
  }
  const remaining = payment.amount_minor - payment.amount_refunded_minor;
  if (remaining <= 0) return 'not_needed';
  const params = {
    payment_intent: payment.stripe_payment_intent_id,
    amount: remaining,
    reason: 'duplicate' as const,
    metadata: { payment_id: payment.id, portal_reason: 'not_applied' },
  };
  const actor = { userId: null, label: 'system:payments' };
  const audit = (action: string, after: Record<string, unknown>) =>
    deps.db.transaction().execute(async (tx) => {
      const now = deps.clock.now();
      await repo.updatePayment(tx, payment.id, {
        unapplied_refund_error: (after.error as string | undefined) ?? null,
        updated_at: now.toISOString(),
      });
      await recordAudit(tx, {
        actor,
        accountId: payment.account_id,
        entityType: 'payment',
        entityId: payment.id,
        action,
        before: { fulfilmentError: payment.fulfilment_error },
        after: { amount: { amountMinor: remaining, currency: payment.currency }, ...after },
        at: now,
      });
    });
  let refundId: string;
  try {
    const refund = await deps.stripe.client.refunds.create(params, {
      idempotencyKey: `refund-unapplied:${payment.id}:${requestHash(params)}`,
    });
    refundId = refund.id;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (payment.unapplied_refund_error !== message) {
      await audit('payment.unapplied_refund_failed', { error: message });
    }
    deps.logger.error({ err: error, paymentId }, 'money not applied could not be refunded');
    return 'refund_failed';
  }
  await audit('payment.unapplied_refunded', { refundId });
  if (payment.stripe_charge_id) {
    await syncCharge(deps, payment.stripe_charge_id).catch((error: unknown) => {
      deps.logger.warn({ err: error, paymentId }, 'refund made; its record waits for the webhook or sweep');
    });
  }
  return 'refunded';
}
