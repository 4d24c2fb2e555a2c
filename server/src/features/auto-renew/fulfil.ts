// A succeeded automatic charge is applied through the same path as a checkout payment: the payments feature
// reads the PaymentIntent afresh from Stripe and converges (payment row, quote paid, subscription renewed,
// invoice, receipt, audit) in its own transaction, idempotently per intent, exactly as its webhook does; the
// webhook of the same charge, arriving later, is then a no-op.

import type { AppDeps } from '../../platform/http/context.ts';
import { findPaymentByIntent, syncPaymentIntent } from '../payments/service.ts';
import type { FulfilFn } from './run-context.ts';

export function fulfilThroughPayments(deps: AppDeps): FulfilFn {
  return async ({ paymentIntent }) => {
    await syncPaymentIntent(deps, paymentIntent.id);
    const payment = await findPaymentByIntent(deps.db, paymentIntent.id);
    if (!payment) throw new Error(`the payment of ${paymentIntent.id} was not recorded`);
    switch (payment.fulfilment_status) {
      case 'fulfilled':
        return { outcome: 'fulfilled', paymentId: payment.id };
      case 'rejected':
        return { outcome: 'rejected', paymentId: payment.id, detail: payment.fulfilment_error ?? 'rejected' };
      default:
        throw new Error(`the payment of ${paymentIntent.id} is ${payment.fulfilment_status}`);
    }
  };
}
