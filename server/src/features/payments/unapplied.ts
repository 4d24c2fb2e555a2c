// Money that arrived but could not be applied (a term already paid, a quote withdrawn or replaced, a contract
// changed meanwhile) is given back at once: a refund of what is left of it, under a key naming that one
// request, audited; the refund itself is then converged like any other (refund row, audit). When Stripe
// refuses the refund the reason is kept on the payment, audited, and reconciliation raises it as an exception
// (decision 010: no money taken and not applied). The customer's admins and billing address are told, in the
// account's language, with the audit entry.

import { formatMoney } from '@portal/shared/money';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Tx } from '../../platform/db/connection.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { enqueueEmail, outboxContext } from '../../platform/notifications/service.ts';
import { cardBrandName } from '../../platform/notifications/templates/format.ts';
import { renderUnappliedRefunded } from '../../platform/notifications/templates/payments.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import { billingContacts, findAccountBilling } from '../accounts/service.ts';
import { findQuoteRecord } from '../offers/service.ts';
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
  const audit = (action: string, after: Record<string, unknown>, also?: (tx: Tx) => Promise<void>) =>
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
      await also?.(tx);
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
  const tellCustomer = await refundedEmails(deps, payment, remaining);
  await audit('payment.unapplied_refunded', { refundId }, tellCustomer);
  if (payment.stripe_charge_id) {
    await syncCharge(deps, payment.stripe_charge_id).catch((error: unknown) => {
      deps.logger.warn({ err: error, paymentId }, 'refund made; its record waits for the webhook or sweep');
    });
  }
  return 'refunded';
}

/** The e-mails telling the account's admins and billing address that the money went back (one per address). */
async function refundedEmails(
  deps: AppDeps,
  payment: NonNullable<Awaited<ReturnType<typeof repo.findPayment>>>,
  amountMinor: number,
): Promise<(tx: Tx) => Promise<void>> {
  const account = await findAccountBilling(deps.db, payment.account_id);
  const quote = payment.quote_id
    ? await findQuoteRecord(deps.db, payment.quote_id, payment.account_id)
    : undefined;
  const recipients = await billingContacts(deps, {
    id: payment.account_id,
    billingEmail: account?.billing_email ?? null,
  });
  const locale = asEmailLocale(account?.locale ?? 'en');
  const content = renderUnappliedRefunded(locale, {
    amount: formatMoney({ amountMinor, currency: payment.currency }, locale),
    what: quote ? `${quote.subscription_label} (${quote.number})` : (account?.name ?? payment.account_id),
    card:
      payment.card_brand && payment.card_last4
        ? { brand: cardBrandName(payment.card_brand), last4: payment.card_last4 }
        : null,
    invoicesUrl: `${deps.config.publicUrl}/invoices`,
  });
  return async (tx) => {
    for (const to of recipients) {
      await enqueueEmail(tx, outboxContext(deps, deps.clock.now()), {
        to,
        accountId: payment.account_id,
        template: 'payment_refunded_unapplied',
        locale,
        content,
        dedupeKey: `refund-unapplied:${payment.id}:${to}`,
      });
    }
  };
}
