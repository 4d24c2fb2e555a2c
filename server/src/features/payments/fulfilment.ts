// Fulfilment: what a succeeded payment of a quote does, all inside the caller's transaction, at most once per
// quote and per payment (a fulfilments row keyed by the quote, unique by payment). The quote becomes paid;
// the subscription is renewed, upgraded or given its seats; the invoice is issued with the next number; the
// other open quotes of the subscription are superseded; history and audit events are written; the receipt
// goes to the outbox. A payment that cannot be applied (wrong amount, quote already paid, the subscription
// changed since the quote) is set aside as 'rejected' with the reason, audited, for a person to resolve.

import { addDays, type CalendarDate, calendarDateIn } from '@portal/shared/dates';
import { formatMoney } from '@portal/shared/money';
import type { TPriceLine } from '@portal/shared/schemas/offers';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Tx } from '../../platform/db/connection.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { enqueueEmail } from '../../platform/notifications/service.ts';
import { renderReceipt } from '../../platform/notifications/templates/payments.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import {
  type AccountBillingRow,
  buyerParty,
  findAccountBilling,
  setDefaultPaymentMethod,
} from '../accounts/service.ts';
import { findUserById } from '../auth/service.ts';
import { issueInvoice } from '../invoices/service.ts';
import {
  findQuoteRecord,
  markQuotePaid,
  type QuoteRecord,
  supersedeQuotesAfterPayment,
} from '../offers/service.ts';
import {
  applyRenewal,
  applySeatChange,
  applyUpgrade,
  type ContractChange,
  SubscriptionChangedError,
} from '../subscriptions/service.ts';
import { quotePaid } from './hooks.ts';
import * as repo from './repo.ts';

export type FulfilmentInput = {
  payment: repo.PaymentRow;
  quoteId: string;
  paidAt: Date;
  /** The admin who started the checkout (history and audit name them). */
  startedByUserId: string | null;
  /** Set when the admin ticked "renew automatically next time" and the card was saved for off-session use. */
  savedPaymentMethodId: string | null;
};

export type FulfilmentOutcome = 'fulfilled' | 'already_fulfilled' | 'rejected';

type Actor = { userId: string | null; label: string };
/** Why a payment cannot be applied: kept on the payment, audited, and the money given back. */
type Refusal = { reason: string; detail: string };

const CARD_BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

async function reject(
  tx: Tx,
  deps: AppDeps,
  payment: repo.PaymentRow,
  reason: string,
  detail: string,
): Promise<FulfilmentOutcome> {
  const now = deps.clock.now();
  await repo.updatePayment(tx, payment.id, {
    fulfilment_status: 'rejected',
    fulfilment_error: `${reason}: ${detail}`,
    updated_at: now.toISOString(),
  });
  await recordAudit(tx, {
    actor: { userId: null, label: 'system:payments' },
    accountId: payment.account_id,
    entityType: 'payment',
    entityId: payment.id,
    action: 'payment.needs_attention',
    after: { reason, detail, paymentIntentId: payment.stripe_payment_intent_id, quoteId: payment.quote_id },
    at: now,
  });
  deps.logger.warn({ paymentId: payment.id, reason, detail }, 'paid but not applied: needs attention');
  return 'rejected';
}

/**
 * Applies a succeeded payment to its quote, in the caller's transaction. Idempotent: the same payment again is
 * 'already_fulfilled'; another payment of a fulfilled quote is 'rejected' (never a second extension).
 */
export async function fulfilQuotePayment(
  tx: Tx,
  deps: AppDeps,
  input: FulfilmentInput,
): Promise<FulfilmentOutcome> {
  const { payment } = input;
  const quote = await findQuoteRecord(tx, input.quoteId);
  if (!quote || quote.account_id !== payment.account_id) {
    return reject(tx, deps, payment, 'unknown_quote', `quote ${input.quoteId} is not this account's`);
  }
  const applicable = await checkApplicable(tx, payment, quote, input.paidAt);
  if (applicable === 'already_fulfilled') return applicable;
  if (applicable) return reject(tx, deps, payment, applicable.reason, applicable.detail);

  const paymentDate = calendarDateIn(input.paidAt, deps.config.timeZone);
  const payer = input.startedByUserId ? await findUserById(tx, input.startedByUserId) : undefined;
  const actor = payer
    ? { userId: input.startedByUserId, label: payer.email }
    : { userId: null, label: 'system:payments' };
  const change = await changeContract(tx, deps, { quote, payment, paidAt: input.paidAt, paymentDate, actor });
  if ('reason' in change) return reject(tx, deps, payment, change.reason, change.detail);
  if (!(await markQuotePaid(tx, quote.id, input.paidAt))) {
    throw new Error(`quote ${quote.number} could not be marked paid`);
  }
  const superseded = await supersedeQuotesAfterPayment(tx, {
    subscriptionId: quote.subscription_id,
    paidQuoteId: quote.id,
    at: input.paidAt,
  });

  const account = await findAccountBilling(tx, payment.account_id);
  if (!account) throw new Error(`account ${payment.account_id} is gone`);
  const invoice = await invoiceThePayment(tx, deps, {
    quote,
    payment,
    account,
    paidAt: input.paidAt,
    change,
  });
  await recordFulfilment(tx, deps, {
    quote,
    payment,
    invoice,
    change,
    actor,
    superseded,
    paidAt: input.paidAt,
  });
  await announcePaid(tx, deps, { quote, payment, actor, fulfilment: input });
  await sendReceipt(tx, deps, { quote, payment, account, invoice, change, payerEmail: payer?.email });
  return 'fulfilled';
}

/** Why the payment cannot fulfil its quote (null: it can; 'already_fulfilled': it did, earlier). */
async function checkApplicable(
  tx: Tx,
  payment: repo.PaymentRow,
  quote: QuoteRecord,
  paidAt: Date,
): Promise<Refusal | 'already_fulfilled' | null> {
  const existing = await repo.findFulfilmentOfQuote(tx, quote.id);
  if (existing) {
    if (existing.payment_id !== payment.id) {
      return { reason: 'quote_already_paid', detail: `quote ${quote.number} was paid by another payment` };
    }
    if (payment.fulfilment_status !== 'fulfilled') {
      await repo.updatePayment(tx, payment.id, { fulfilment_status: 'fulfilled', fulfilment_error: null });
    }
    return 'already_fulfilled';
  }
  if (payment.amount_minor !== quote.total_minor || payment.currency !== quote.currency) {
    return {
      reason: 'amount_mismatch',
      detail: `paid ${payment.amount_minor} ${payment.currency}, quote ${quote.number} is ${quote.total_minor} ${quote.currency}`,
    };
  }
  if (quote.status !== 'open' && quote.status !== 'superseded') {
    return { reason: 'quote_not_payable', detail: `quote ${quote.number} is ${quote.status}` };
  }
  if (quote.expires_at <= paidAt.toISOString()) {
    // Withdrawn (auto-renew turned off) or lapsed before the money arrived: it is given back, never applied.
    return { reason: 'quote_expired', detail: `quote ${quote.number} ended at ${quote.expires_at}` };
  }
  return null;
}

/** The subscription's contract changed as the quote says (renewed, upgraded, seats added), or why not. */
async function changeContract(
  tx: Tx,
  deps: AppDeps,
  input: {
    quote: QuoteRecord;
    payment: repo.PaymentRow;
    paidAt: Date;
    paymentDate: CalendarDate;
    actor: Actor;
  },
): Promise<ContractChange | Refusal> {
  const { quote, payment, paidAt, paymentDate, actor } = input;
  const common = {
    subscriptionId: quote.subscription_id,
    today: paymentDate,
    basis: {
      planId: quote.basis_plan_id,
      seats: quote.basis_seats,
      termStart: quote.basis_term_start,
      termEnd: quote.basis_term_end,
    },
    at: paidAt,
    actor,
    reference: {
      quoteId: quote.id,
      quoteNumber: quote.number,
      paymentId: payment.id,
      amount: { amountMinor: payment.amount_minor, currency: payment.currency },
    },
  };
  let change: ContractChange;
  try {
    switch (quote.kind) {
      case 'renew':
        change = await applyRenewal(tx, {
          ...common,
          seats: quote.seats,
          unitPriceMinor: quote.contract_unit_price_minor,
          termYears: quote.term_years ?? 1,
          paymentDate,
          graceDays: deps.config.graceDays,
        });
        break;
      case 'upgrade':
        change = await applyUpgrade(tx, {
          ...common,
          planId: quote.plan_id,
          seats: quote.seats,
          unitPriceMinor: quote.contract_unit_price_minor,
          termStart: quote.term_start,
          termEnd: quote.term_end,
          termYears: quote.term_years ?? 1,
        });
        break;
      case 'seats':
        change = await applySeatChange(tx, { ...common, seats: quote.seats, paymentDate });
        break;
      default:
        return { reason: 'unknown_quote_kind', detail: `quote ${quote.number} is a ${quote.kind}` };
    }
  } catch (error) {
    if (error instanceof SubscriptionChangedError) {
      return { reason: 'subscription_changed', detail: error.message };
    }
    throw error;
  }
  return change;
}

/** The invoice of the paid quote, with the next number (the caller's transaction gives it back on rollback). */
function invoiceThePayment(
  tx: Tx,
  deps: AppDeps,
  input: {
    quote: QuoteRecord;
    payment: repo.PaymentRow;
    account: AccountBillingRow;
    paidAt: Date;
    change: ContractChange;
  },
) {
  const { quote, payment, account, paidAt, change } = input;
  const words = {
    kind: quote.kind as 'renew' | 'upgrade' | 'seats',
    planName: quote.plan_name,
    fromPlanName: quote.basis_plan_name,
    seats: quote.seats,
    previousSeats: quote.basis_seats,
    termYears: quote.term_years,
  };
  return issueInvoice(tx, {
    accountId: payment.account_id,
    locale: account.locale,
    subscription: { id: quote.subscription_id, label: quote.subscription_label },
    quote: {
      ...words,
      id: quote.id,
      number: quote.number,
      currency: quote.currency,
      totalMinor: quote.total_minor,
      lines: fromJson<TPriceLine[]>(quote.lines_json, []),
      planNames: { [quote.plan_code]: quote.plan_name, [quote.basis_plan_code]: quote.basis_plan_name },
    },
    buyer: buyerParty(account, account.locale),
    paymentId: payment.id,
    payment: {
      paidAt: paidAt.toISOString(),
      method: 'card',
      cardBrand: payment.card_brand,
      cardLast4: payment.card_last4,
      chargeId: payment.stripe_charge_id,
      paymentIntentId: payment.stripe_payment_intent_id,
    },
    amountPaidMinor: payment.amount_minor,
    servicePeriod: change.period,
    issuedAt: paidAt,
    timeZone: deps.config.timeZone,
  });
}

/** The fulfilment row, the payment marked fulfilled, and the audit event. */
async function recordFulfilment(
  tx: Tx,
  deps: AppDeps,
  input: {
    quote: QuoteRecord;
    payment: repo.PaymentRow;
    invoice: { id: string; number: string };
    change: ContractChange;
    actor: Actor;
    superseded: string[];
    paidAt: Date;
  },
): Promise<void> {
  const { quote, payment, invoice, change, actor, superseded, paidAt } = input;
  await repo.insertFulfilment(tx, {
    quote_id: quote.id,
    payment_id: payment.id,
    account_id: payment.account_id,
    subscription_id: quote.subscription_id,
    kind: quote.kind,
    invoice_id: invoice.id,
    before_json: toJson(change.before),
    after_json: toJson(change.after),
    fulfilled_at: deps.clock.now().toISOString(),
  });
  await repo.updatePayment(tx, payment.id, {
    fulfilment_status: 'fulfilled',
    fulfilment_error: null,
    subscription_id: quote.subscription_id,
    quote_id: quote.id,
    updated_at: deps.clock.now().toISOString(),
  });
  await recordAudit(tx, {
    actor,
    accountId: payment.account_id,
    entityType: 'payment',
    entityId: payment.id,
    action: 'payment.fulfilled',
    after: {
      quoteNumber: quote.number,
      invoiceNumber: invoice.number,
      kind: quote.kind,
      subscriptionId: quote.subscription_id,
      period: change.period,
      supersededQuotes: superseded,
    },
    at: paidAt,
  });
}

/** The card saved for the account, and the other features told (the `quotePaid` hook). */
async function announcePaid(
  tx: Tx,
  deps: AppDeps,
  input: { quote: QuoteRecord; payment: repo.PaymentRow; actor: Actor; fulfilment: FulfilmentInput },
): Promise<void> {
  const { quote, payment, actor } = input;
  if (input.fulfilment.savedPaymentMethodId) {
    await setDefaultPaymentMethod(
      tx,
      payment.account_id,
      input.fulfilment.savedPaymentMethodId,
      deps.clock.now().toISOString(),
    );
  }
  // Auto-renew reacts (a hook registered in server/src/hooks.ts): the consent given at checkout, the old term's
  // automatic renewal closed and the new term's queued. The consent is passed on as stored with the session.
  const session =
    input.fulfilment.savedPaymentMethodId && payment.checkout_session_id
      ? await repo.findCheckoutSession(tx, payment.checkout_session_id)
      : undefined;
  await deps.hooks.emit(quotePaid, tx, deps, {
    subscriptionId: quote.subscription_id,
    accountId: payment.account_id,
    quoteId: quote.id,
    quoteTermYears: quote.term_years,
    paidAt: input.fulfilment.paidAt,
    actor,
    savedPaymentMethodId: input.fulfilment.savedPaymentMethodId,
    checkoutConsentJson: session?.consent_json ?? null,
    card: { brand: payment.card_brand ?? 'card', last4: payment.card_last4 ?? '····' },
  });
}

/** The receipt, to the billing e-mail (else the payer, else whoever made the quote), through the outbox. */
async function sendReceipt(
  tx: Tx,
  deps: AppDeps,
  input: {
    quote: QuoteRecord;
    payment: repo.PaymentRow;
    account: AccountBillingRow;
    invoice: { id: string; number: string };
    change: ContractChange;
    payerEmail: string | undefined;
  },
): Promise<void> {
  const { quote, payment, account, invoice, change } = input;
  const locale = asEmailLocale(account.locale);
  const lastDay = addDays(change.after.termEnd, -1);
  await enqueueEmail(
    tx,
    { now: deps.clock.now(), isSmtpConfigured: Boolean(deps.config.smtpUrl) },
    {
      to: account.billing_email ?? input.payerEmail ?? quote.created_by_email,
      accountId: payment.account_id,
      template: 'payment_receipt',
      locale,
      dedupeKey: `receipt:${payment.id}`,
      content: renderReceipt(locale, {
        amount: formatMoney({ amountMinor: payment.amount_minor, currency: payment.currency }, locale),
        what: `${quote.subscription_label} (${quote.number})`,
        subscription: quote.subscription_label,
        lastDay: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(`${lastDay}T00:00:00Z`),
        ),
        invoiceNumber: invoice.number,
        invoiceUrl: `${deps.config.publicUrl}/invoices/${invoice.id}`,
        card:
          payment.card_brand && payment.card_last4
            ? { brand: CARD_BRANDS[payment.card_brand] ?? payment.card_brand, last4: payment.card_last4 }
            : null,
      }),
    },
  );
}
