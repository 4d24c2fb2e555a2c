// The payment events the vendor's systems hear about (issue 13 item 5), recorded in the transaction of the
// change: payment.succeeded and payment.failed when a payment reaches that status, payment.refunded per refund.

import type { Tx } from '../../platform/db/connection.ts';
import { recordEvent } from '../../platform/events/service.ts';
import type { PaymentRow } from './repo.ts';

function paymentData(payment: PaymentRow) {
  return {
    paymentId: payment.id,
    subscriptionId: payment.subscription_id,
    quoteId: payment.quote_id,
    source: payment.source,
    amountMinor: payment.amount_minor,
    currency: payment.currency,
  };
}

/** Called with the status before the change (null for a new payment): records nothing unless it moved. */
export async function announcePaymentStatus(
  tx: Tx,
  previousStatus: string | null,
  payment: PaymentRow,
  at: Date,
): Promise<void> {
  if (previousStatus === payment.status) return;
  const type =
    payment.status === 'succeeded'
      ? 'payment.succeeded'
      : payment.status === 'failed'
        ? 'payment.failed'
        : null;
  if (!type) return;
  await recordEvent(tx, {
    type,
    accountId: payment.account_id,
    subject: { type: 'payment', id: payment.id },
    data: {
      ...paymentData(payment),
      ...(type === 'payment.failed'
        ? { failureCode: payment.failure_code, failureMessage: payment.failure_message }
        : { paidAt: payment.paid_at }),
    },
    at,
  });
}

export async function announceRefund(
  tx: Tx,
  payment: PaymentRow,
  refund: { id: string; amountMinor: number; currency: string; reason: string | null },
  at: Date,
): Promise<void> {
  await recordEvent(tx, {
    type: 'payment.refunded',
    accountId: payment.account_id,
    subject: { type: 'payment', id: payment.id },
    data: {
      ...paymentData(payment),
      refundId: refund.id,
      refund: { amountMinor: refund.amountMinor, currency: refund.currency },
      reason: refund.reason,
    },
    at,
  });
}
