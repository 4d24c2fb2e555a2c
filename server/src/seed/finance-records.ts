// The portal's side of the demo finance history (finance-history.ts makes Stripe's): for each demo renewal a paid
// quote, a payment with its Stripe ids, fee and net, and the invoice (issued by the invoices service, so its
// number, seller, buyer and wording are the real ones); a refund with its credit note; a dispute. Written in
// one transaction with the marker that says the history exists. Demo data only, like db/seed/.

import { calendarDateIn } from '@portal/shared/dates';
import type { TPriceLine } from '@portal/shared/schemas/offers';
import { buyerParty } from '../features/accounts/service.ts';
import { issueCreditNote, issueInvoice } from '../features/invoices/service.ts';
import type { Tx } from '../platform/db/connection.ts';
import { newId } from '../platform/db/ids.ts';
import { toJson } from '../platform/db/json.ts';
import type { AppDeps } from '../platform/http/context.ts';
import * as settings from '../platform/settings/settings.ts';

export const DEMO_MARKER_KEY = 'finance.demo_history';

export type DemoPayment = {
  quoteId: string;
  subscriptionId: string;
  accountId: string;
  at: Date;
  plan: { id: string; code: string; name: string; tierRank: number };
  seats: number;
  unitPriceMinor: number;
  currency: string;
  /** The new term the renewal bought; the basis is the term before. */
  term: { start: string; end: string; basisStart: string };
  label: string;
  buyerName: string;
  buyerEmail: string;
  stripe: {
    customerId: string;
    paymentIntentId: string;
    chargeId: string | null;
    balanceTransactionId: string | null;
    paymentMethodId: string | null;
    feeMinor: number | null;
    netMinor: number | null;
  };
  refund?: { id: string; amountMinor: number; balanceTransactionId: string | null; at: Date };
  dispute?: {
    id: string;
    amountMinor: number;
    reason: string;
    status: string;
    evidenceDueBy: string | null;
    at: Date;
  };
};

async function nextQuoteNumber(tx: Tx, year: number): Promise<string> {
  const row = await tx
    .insertInto('quote_number_counters')
    .values({ year, last_number: 1 })
    .onConflict((oc) =>
      oc
        .column('year')
        .doUpdateSet((eb) => ({ last_number: eb('quote_number_counters.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `Q-${year}-${String(row.last_number).padStart(6, '0')}`;
}

async function insertQuote(
  tx: Tx,
  deps: AppDeps,
  p: DemoPayment,
  accountName: string,
): Promise<{ id: string; number: string; lines: TPriceLine[] }> {
  const total = p.seats * p.unitPriceMinor;
  const quotedAt = new Date(p.at.getTime() - 45 * 60_000);
  const number = await nextQuoteNumber(
    tx,
    Number(calendarDateIn(quotedAt, deps.config.timeZone).slice(0, 4)),
  );
  const lines: TPriceLine[] = [
    {
      code: 'list',
      planCode: p.plan.code,
      seats: p.seats,
      termYears: 1,
      unitAmountMinor: p.unitPriceMinor,
      amountMinor: total,
    },
  ];
  const id = p.quoteId;
  await tx
    .insertInto('quotes')
    .values({
      id,
      number,
      account_id: p.accountId,
      subscription_id: p.subscriptionId,
      offer_id: `renew:${p.plan.code}:1y:${p.seats}`,
      kind: 'renew',
      status: 'paid',
      plan_id: p.plan.id,
      plan_code: p.plan.code,
      plan_name: p.plan.name,
      plan_tier_rank: p.plan.tierRank,
      seats: p.seats,
      term_years: 1,
      term_start: p.term.start,
      term_end: p.term.end,
      currency: p.currency,
      lines_json: toJson(lines),
      list_minor: total,
      savings_minor: 0,
      savings_basis_points: 0,
      credit_minor: 0,
      tax_minor: 0,
      total_minor: total,
      price_per_year_minor: total,
      contract_unit_price_minor: p.unitPriceMinor,
      rules_version: 1,
      basis_plan_id: p.plan.id,
      basis_plan_code: p.plan.code,
      basis_plan_name: p.plan.name,
      basis_seats: p.seats,
      basis_term_start: p.term.basisStart,
      basis_term_end: p.term.start,
      subscription_label: p.label,
      account_name: accountName,
      created_by_user_id: null,
      created_by_name: p.buyerName,
      created_by_email: p.buyerEmail,
      created_at: quotedAt.toISOString(),
      expires_at: new Date(quotedAt.getTime() + 14 * 86_400_000).toISOString(),
      superseded_at: null,
      superseded_by_quote_id: null,
      paid_at: p.at.toISOString(),
    })
    .execute();
  return { id, number, lines };
}

/** Writes the portal's records of the demo history and the marker, in the caller's transaction. */
export async function insertDemoRecords(
  tx: Tx,
  deps: AppDeps,
  payments: readonly DemoPayment[],
): Promise<void> {
  const tz = deps.config.timeZone;
  for (const p of payments) {
    const account = await tx
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', p.accountId)
      .executeTakeFirstOrThrow();
    const quote = await insertQuote(tx, deps, p, account.name);
    const total = p.seats * p.unitPriceMinor;
    const paymentId = newId('pay');
    const atIso = p.at.toISOString();
    await tx
      .insertInto('payments')
      .values({
        id: paymentId,
        account_id: p.accountId,
        subscription_id: p.subscriptionId,
        quote_id: quote.id,
        checkout_session_id: null,
        source: 'checkout',
        stripe_customer_id: p.stripe.customerId,
        stripe_payment_intent_id: p.stripe.paymentIntentId,
        stripe_charge_id: p.stripe.chargeId,
        stripe_balance_transaction_id: p.stripe.balanceTransactionId,
        stripe_payment_method_id: p.stripe.paymentMethodId,
        card_brand: 'visa',
        card_last4: '4242',
        amount_minor: total,
        amount_refunded_minor: p.refund?.amountMinor ?? 0,
        fee_minor: p.stripe.feeMinor,
        net_minor: p.stripe.netMinor,
        currency: p.currency,
        status: 'succeeded',
        failure_code: null,
        failure_message: null,
        fulfilment_status: 'fulfilled',
        fulfilment_error: null,
        paid_at: atIso,
        created_at: new Date(p.at.getTime() - 2 * 60_000).toISOString(),
        updated_at: atIso,
      })
      .execute();
    await issueInvoice(tx, {
      accountId: p.accountId,
      locale: account.locale,
      subscription: { id: p.subscriptionId, label: p.label },
      quote: {
        kind: 'renew',
        planName: p.plan.name,
        fromPlanName: p.plan.name,
        seats: p.seats,
        previousSeats: p.seats,
        termYears: 1,
        id: quote.id,
        number: quote.number,
        currency: p.currency,
        totalMinor: total,
        lines: quote.lines,
        planNames: { [p.plan.code]: p.plan.name },
      },
      buyer: buyerParty(account, account.locale),
      paymentId,
      payment: {
        paidAt: atIso,
        method: 'card',
        cardBrand: 'visa',
        cardLast4: '4242',
        chargeId: p.stripe.chargeId,
        paymentIntentId: p.stripe.paymentIntentId,
      },
      amountPaidMinor: total,
      servicePeriod: { start: p.term.start, end: p.term.end },
      issuedAt: p.at,
      timeZone: tz,
    });
    if (p.refund && p.stripe.chargeId) {
      const refundIso = p.refund.at.toISOString();
      await tx
        .insertInto('refunds')
        .values({
          id: p.refund.id,
          payment_id: paymentId,
          stripe_charge_id: p.stripe.chargeId,
          amount_minor: p.refund.amountMinor,
          currency: p.currency,
          status: 'succeeded',
          reason: 'requested_by_customer',
          stripe_balance_transaction_id: p.refund.balanceTransactionId,
          stripe_created_at: refundIso,
          created_at: refundIso,
          updated_at: refundIso,
        })
        .execute();
      await issueCreditNote(tx, {
        paymentId,
        refundId: p.refund.id,
        amountMinor: p.refund.amountMinor,
        currency: p.currency,
        reason: 'requested_by_customer',
        issuedAt: p.refund.at,
        timeZone: tz,
      });
    }
    if (p.dispute && p.stripe.chargeId) {
      const disputeIso = p.dispute.at.toISOString();
      await tx
        .insertInto('disputes')
        .values({
          id: p.dispute.id,
          payment_id: paymentId,
          stripe_charge_id: p.stripe.chargeId,
          amount_minor: p.dispute.amountMinor,
          currency: p.currency,
          status: p.dispute.status,
          reason: p.dispute.reason,
          evidence_due_by: p.dispute.evidenceDueBy,
          stripe_created_at: disputeIso,
          created_at: disputeIso,
          updated_at: disputeIso,
        })
        .execute();
    }
  }
  const now = deps.clock.now();
  await settings.writeSetting(
    tx,
    DEMO_MARKER_KEY,
    { payments: payments.length, seededAt: now.toISOString() },
    now,
  );
}
