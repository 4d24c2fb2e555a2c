// Convergence: local payment state is made to match Stripe's from a fresh read of the object through the SDK,
// never from a webhook's body. Webhooks, the success page, the sweep (and, later, the auto-renew charge) all
// call these functions, so duplicate, late or reordered events end in the same state. Each function reads
// Stripe first (no network inside a transaction), then writes in one transaction, idempotently.

import { formatMoney } from '@portal/shared/money';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Tx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { enqueueEmail } from '../../platform/notifications/service.ts';
import { renderPaymentFailed } from '../../platform/notifications/templates/payments.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import type { Stripe } from '../../platform/stripe/client.ts';
import {
  findAccountBilling,
  findAccountByStripeCustomer,
  setDefaultPaymentMethod,
} from '../accounts/service.ts';
import { issueCreditNote } from '../invoices/service.ts';
import { findQuoteRecord } from '../offers/service.ts';
import { closeAttemptsOfPayment } from './attempts-repo.ts';
import { announcePaymentStatus, announceRefund } from './events.ts';
import { type FulfilmentOutcome, fulfilQuotePayment } from './fulfilment.ts';
import { paymentSettled } from './hooks.ts';
import * as repo from './repo.ts';

const SESSION_EXPAND = ['payment_intent.latest_charge.balance_transaction'];
const INTENT_EXPAND = ['latest_charge.balance_transaction'];

/** Our payment states, from Stripe's PaymentIntent statuses ('open': nothing to record yet). */
type LocalStatus = 'open' | 'processing' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';

function localStatusOf(intent: Stripe.PaymentIntent): LocalStatus {
  switch (intent.status) {
    case 'succeeded':
      return 'succeeded';
    case 'processing':
      return 'processing';
    case 'requires_action':
      return 'requires_action';
    case 'canceled':
      return 'canceled';
    case 'requires_payment_method':
      // After an attempt this is a failure (the card was declined); before any, the customer has not paid.
      return intent.last_payment_error ? 'failed' : 'open';
    case 'requires_confirmation':
    case 'requires_capture':
      return 'open';
    default:
      // A status newer than the pinned API version knows: nothing is recorded until it becomes a known one.
      return 'open';
  }
}

const toIso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();
const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** The facts of a PaymentIntent's latest charge and its balance transaction, when Stripe has them. */
function chargeFacts(intent: Stripe.PaymentIntent) {
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const transaction =
    charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
  const card = charge?.payment_method_details?.card;
  return {
    chargeId: idOf(intent.latest_charge),
    chargeCreated: charge ? toIso(charge.created) : null,
    amountRefunded: charge?.amount_refunded ?? 0,
    balanceTransactionId: charge ? idOf(charge.balance_transaction) : null,
    feeMinor: transaction ? transaction.fee : null,
    netMinor: transaction ? transaction.net : null,
    cardBrand: card?.brand ?? null,
    cardLast4: card?.last4 ?? null,
  };
}

/**
 * Reads a Checkout Session (with its PaymentIntent, charge and balance transaction) and converges: the local
 * session row's state, then the payment and its fulfilment. Sessions not made for a quote are left alone.
 */
export async function syncCheckoutSession(deps: AppDeps, sessionId: string): Promise<void> {
  const session = await deps.stripe.client.checkout.sessions.retrieve(sessionId, { expand: SESSION_EXPAND });
  if (session.mode !== 'payment' || !session.metadata?.quote_id) return;
  const row = await repo.findCheckoutSession(deps.db, session.id);
  const intentId = idOf(session.payment_intent);
  if (row) {
    const nowIso = deps.clock.now().toISOString();
    await repo.updateCheckoutSession(deps.db, session.id, {
      status: session.status ?? row.status,
      payment_status: session.payment_status,
      stripe_payment_intent_id: intentId,
      url: session.url,
      completed_at: session.status === 'complete' ? (row.completed_at ?? nowIso) : row.completed_at,
      updated_at: nowIso,
    });
  }
  if (typeof session.payment_intent === 'object' && session.payment_intent) {
    await convergePaymentIntent(deps, session.payment_intent, { checkoutSessionId: session.id });
  } else if (intentId) {
    await syncPaymentIntent(deps, intentId);
  }
}

/** Reads a PaymentIntent (with its charge and balance transaction) and converges the payment. */
export async function syncPaymentIntent(deps: AppDeps, paymentIntentId: string): Promise<void> {
  const intent = await deps.stripe.client.paymentIntents.retrieve(paymentIntentId, { expand: INTENT_EXPAND });
  await convergePaymentIntent(deps, intent, {});
}

async function checkoutSessionIdOf(deps: AppDeps, intentId: string): Promise<string | null> {
  const sessions = await deps.stripe.client.checkout.sessions.list({ payment_intent: intentId, limit: 1 });
  return sessions.data[0]?.id ?? null;
}

/**
 * The payment of a quote's PaymentIntent, as Stripe says it is now. Nothing is recorded for an intent that
 * has not been paid (a declined card on the payment page changes nothing); a succeeded one is recorded and
 * fulfilled in the same transaction. Intents without `metadata.quote_id` are not this function's.
 */
export async function convergePaymentIntent(
  deps: AppDeps,
  intent: Stripe.PaymentIntent,
  context: { checkoutSessionId?: string },
): Promise<void> {
  const quoteId = intent.metadata?.quote_id;
  if (!quoteId) return;
  const quote = await findQuoteRecord(deps.db, quoteId);
  if (!quote) {
    deps.logger.warn({ paymentIntentId: intent.id, quoteId }, 'payment for an unknown quote ignored');
    return;
  }
  const status = localStatusOf(intent);
  const existing = await repo.findPaymentByIntent(deps.db, intent.id);
  if (!existing && status !== 'succeeded' && status !== 'processing') return;
  const checkoutSessionId =
    context.checkoutSessionId ??
    existing?.checkout_session_id ??
    (await checkoutSessionIdOf(deps, intent.id));
  const facts = chargeFacts(intent);
  const isCardSaved =
    intent.setup_future_usage === 'off_session' && intent.metadata?.renew_automatically === 'true';
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const paidAt = status === 'succeeded' ? (facts.chargeCreated ?? nowIso) : null;
  const values = {
    status: status === 'open' ? 'failed' : status,
    stripe_charge_id: facts.chargeId,
    stripe_balance_transaction_id: facts.balanceTransactionId,
    stripe_payment_method_id: idOf(intent.payment_method),
    card_brand: facts.cardBrand,
    card_last4: facts.cardLast4,
    amount_refunded_minor: facts.amountRefunded,
    fee_minor: facts.feeMinor,
    net_minor: facts.netMinor,
    failure_code: intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? null,
    failure_message: intent.last_payment_error?.message ?? null,
    paid_at: existing?.paid_at ?? paidAt,
    updated_at: nowIso,
  };

  let outcome: FulfilmentOutcome | null = null;
  const paymentId = await deps.db.transaction().execute(async (tx) => {
    let payment = await repo.findPaymentByIntent(tx, intent.id);
    const previousStatus = payment?.status ?? null;
    if (!payment) {
      await repo.insertPayment(tx, {
        id: newId('pay'),
        account_id: quote.account_id,
        subscription_id: quote.subscription_id,
        quote_id: quote.id,
        checkout_session_id: checkoutSessionId,
        source: intent.metadata?.renewal_id ? 'auto_renew' : 'checkout',
        stripe_customer_id: idOf(intent.customer),
        stripe_payment_intent_id: intent.id,
        amount_minor: intent.amount,
        currency: intent.currency.toUpperCase(),
        fulfilment_status: 'pending',
        fulfilment_error: null,
        created_at: nowIso,
        ...values,
      });
      payment = await repo.findPaymentByIntent(tx, intent.id);
      if (!payment) throw new Error(`payment of ${intent.id} was not stored`);
      await recordAudit(tx, {
        actor: { userId: null, label: 'system:stripe' },
        accountId: payment.account_id,
        entityType: 'payment',
        entityId: payment.id,
        action: 'payment.recorded',
        after: {
          status: payment.status,
          amount: { amountMinor: payment.amount_minor, currency: payment.currency },
          paymentIntentId: intent.id,
          chargeId: facts.chargeId,
          quoteId: quote.id,
        },
        at: now,
      });
    } else {
      const before = payment;
      await repo.updatePayment(tx, payment.id, values);
      payment = { ...payment, ...values };
      if (before.status !== payment.status) {
        await recordAudit(tx, {
          actor: { userId: null, label: 'system:stripe' },
          accountId: payment.account_id,
          entityType: 'payment',
          entityId: payment.id,
          action: 'payment.status_changed',
          before: { status: before.status },
          after: { status: payment.status, failureCode: payment.failure_code },
          at: now,
        });
        if (payment.status === 'failed' || payment.status === 'canceled') {
          await notifyFailure(tx, deps, payment, quote);
        }
      }
    }
    await announcePaymentStatus(tx, previousStatus, payment, now);
    if (payment.status === 'succeeded' && payment.fulfilment_status === 'pending') {
      outcome = await fulfilQuotePayment(tx, deps, {
        payment,
        quoteId: quote.id,
        paidAt: new Date(payment.paid_at ?? nowIso),
        startedByUserId: intent.metadata?.started_by ?? null,
        savedPaymentMethodId: isCardSaved ? idOf(intent.payment_method) : null,
      });
    }
    if (payment.status === 'succeeded') {
      // The money arrived: whatever attempt took it no longer holds the term.
      await closeAttemptsOfPayment(tx, {
        checkoutSessionId,
        paymentIntentId: intent.id,
        reason: 'paid',
        nowIso,
      });
    }
    return payment.id;
  });
  // After the transaction (Stripe calls never run inside one): settled.ts, registered in server/src/hooks.ts.
  await deps.hooks.emit(paymentSettled, deps, {
    paymentId,
    subscriptionId: quote.subscription_id,
    isTermPaid: outcome === 'fulfilled',
  });
}

/** A payment that had been processing failed (an asynchronous method): the payer is told, once. */
async function notifyFailure(
  tx: Tx,
  deps: AppDeps,
  payment: repo.PaymentRow,
  quote: NonNullable<Awaited<ReturnType<typeof findQuoteRecord>>>,
): Promise<void> {
  const account = await findAccountBilling(tx, payment.account_id);
  const locale = asEmailLocale(account?.locale ?? 'en');
  await enqueueEmail(
    tx,
    { now: deps.clock.now(), isSmtpConfigured: Boolean(deps.config.smtpUrl) },
    {
      to: account?.billing_email ?? quote.created_by_email,
      accountId: payment.account_id,
      template: 'payment_failed',
      locale,
      dedupeKey: `payment-failed:${payment.stripe_payment_intent_id}`,
      content: renderPaymentFailed(locale, {
        amount: formatMoney({ amountMinor: payment.amount_minor, currency: payment.currency }, locale),
        subscription: quote.subscription_label,
        reason: payment.failure_message ?? payment.failure_code ?? 'declined',
        quoteUrl: `${deps.config.publicUrl}/quotes/${quote.id}`,
      }),
    },
  );
}

/**
 * Reads a charge with its balance transaction, refunds and disputes, and converges them: the fee and net
 * (which may arrive only after the charge), each refund (with its credit note) and each dispute, audited.
 */
export async function syncCharge(deps: AppDeps, chargeId: string): Promise<void> {
  const stripe = deps.stripe.client;
  const charge = await stripe.charges.retrieve(chargeId, { expand: ['balance_transaction'] });
  const intentId = idOf(charge.payment_intent);
  if (!intentId) return;
  if (!(await repo.findPaymentByIntent(deps.db, intentId))) await syncPaymentIntent(deps, intentId);
  if (!(await repo.findPaymentByIntent(deps.db, intentId))) return;
  const refunds: Stripe.Refund[] = [];
  for await (const refund of stripe.refunds.list({ charge: charge.id, limit: 100 })) refunds.push(refund);
  const disputes: Stripe.Dispute[] = [];
  for await (const dispute of stripe.disputes.list({ charge: charge.id, limit: 100 })) disputes.push(dispute);
  const transaction = typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const actor = { userId: null, label: 'system:stripe' };

  await deps.db.transaction().execute(async (tx) => {
    const payment = await repo.findPaymentByIntent(tx, intentId);
    if (!payment) return;
    await repo.updatePayment(tx, payment.id, {
      stripe_charge_id: charge.id,
      stripe_balance_transaction_id: idOf(charge.balance_transaction),
      fee_minor: transaction ? transaction.fee : payment.fee_minor,
      net_minor: transaction ? transaction.net : payment.net_minor,
      amount_refunded_minor: charge.amount_refunded,
      updated_at: nowIso,
    });
    for (const refund of refunds) {
      const known = await repo.findRefund(tx, refund.id);
      const row = {
        status: refund.status ?? 'pending',
        reason: refund.reason ?? null,
        stripe_balance_transaction_id: idOf(refund.balance_transaction),
        updated_at: nowIso,
      };
      if (!known) {
        await repo.insertRefund(tx, {
          id: refund.id,
          payment_id: payment.id,
          stripe_charge_id: charge.id,
          amount_minor: refund.amount,
          currency: refund.currency.toUpperCase(),
          stripe_created_at: toIso(refund.created),
          created_at: nowIso,
          ...row,
        });
      } else if (known.status !== row.status) {
        await repo.updateRefund(tx, refund.id, row);
      }
      if (known?.status === row.status) continue;
      await recordAudit(tx, {
        actor,
        accountId: payment.account_id,
        entityType: 'payment',
        entityId: payment.id,
        action: known ? 'payment.refund_updated' : 'payment.refunded',
        before: known ? { refundId: refund.id, status: known.status } : undefined,
        after: {
          refundId: refund.id,
          status: row.status,
          amount: { amountMinor: refund.amount, currency: refund.currency.toUpperCase() },
          reason: row.reason,
        },
        at: now,
      });
      if (row.status === 'succeeded') {
        await announceRefund(
          tx,
          payment,
          {
            id: refund.id,
            amountMinor: refund.amount,
            currency: refund.currency.toUpperCase(),
            reason: row.reason,
          },
          now,
        );
        const note = await issueCreditNote(tx, {
          paymentId: payment.id,
          refundId: refund.id,
          amountMinor: refund.amount,
          currency: refund.currency.toUpperCase(),
          reason: refund.reason ?? null,
          issuedAt: new Date(refund.created * 1000),
          timeZone: deps.config.timeZone,
        });
        if (note) {
          await recordAudit(tx, {
            actor,
            accountId: payment.account_id,
            entityType: 'invoice',
            entityId: note.invoiceId,
            action: 'invoice.credit_note_issued',
            after: { creditNote: note.number, refundId: refund.id, amountMinor: refund.amount },
            at: now,
          });
        }
      }
    }
    for (const dispute of disputes) await convergeDispute(tx, payment, dispute, nowIso, actor, now);
  });
}

async function convergeDispute(
  tx: Tx,
  payment: repo.PaymentRow,
  dispute: Stripe.Dispute,
  nowIso: string,
  actor: { userId: null; label: string },
  now: Date,
): Promise<void> {
  const known = await repo.findDispute(tx, dispute.id);
  const values = {
    status: dispute.status,
    amount_minor: dispute.amount,
    evidence_due_by: dispute.evidence_details?.due_by ? toIso(dispute.evidence_details.due_by) : null,
    updated_at: nowIso,
  };
  if (known && known.status === values.status && known.amount_minor === values.amount_minor) return;
  if (!known) {
    await repo.insertDispute(tx, {
      id: dispute.id,
      payment_id: payment.id,
      stripe_charge_id: idOf(dispute.charge) ?? '',
      currency: dispute.currency.toUpperCase(),
      reason: dispute.reason,
      stripe_created_at: toIso(dispute.created),
      created_at: nowIso,
      ...values,
    });
  } else {
    await repo.updateDispute(tx, dispute.id, values);
  }
  await recordAudit(tx, {
    actor,
    accountId: payment.account_id,
    entityType: 'payment',
    entityId: payment.id,
    action: known ? 'payment.dispute_updated' : 'payment.disputed',
    before: known ? { disputeId: dispute.id, status: known.status } : undefined,
    after: {
      disputeId: dispute.id,
      status: dispute.status,
      reason: dispute.reason,
      amount: { amountMinor: dispute.amount, currency: dispute.currency.toUpperCase() },
    },
    at: now,
  });
}

/**
 * A SetupIntent that succeeded for off-session use saves its card as the account's payment method for
 * auto-renew. (The auto-renew feature builds on this; the checkout's own card is saved by fulfilment.)
 */
export async function syncSetupIntent(deps: AppDeps, setupIntentId: string): Promise<void> {
  const intent = await deps.stripe.client.setupIntents.retrieve(setupIntentId);
  const customerId = idOf(intent.customer);
  const paymentMethodId = idOf(intent.payment_method);
  if (intent.status !== 'succeeded' || intent.usage !== 'off_session' || !customerId || !paymentMethodId)
    return;
  const account = await findAccountByStripeCustomer(deps.db, customerId);
  if (!account || account.default_payment_method_id === paymentMethodId) return;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await setDefaultPaymentMethod(tx, account.id, paymentMethodId, now.toISOString());
    await recordAudit(tx, {
      actor: { userId: null, label: 'system:stripe' },
      accountId: account.id,
      entityType: 'account',
      entityId: account.id,
      action: 'account.payment_method_saved',
      before: { paymentMethodId: account.default_payment_method_id },
      after: { paymentMethodId, setupIntentId },
      at: now,
    });
  });
}
