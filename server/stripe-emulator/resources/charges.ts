// Charges: the record of each card payment attempt (succeeded or failed), with its balance
// transaction; retrieve and list.
import type Stripe from 'stripe';
import { z } from 'zod';
import type { Decline, TestCard } from '../cards.ts';
import type { Emu, RequestCtx } from '../context.ts';
import { emitEvent, saveChange } from '../events.ts';
import { availableOn, processingFee } from '../fees.ts';
import type { ApiRouter } from '../http.ts';
import { newId, randomToken } from '../ids.ts';
import { listObjects, matching } from '../list.ts';
import { zId, zListShape, zRange, zRetrieve } from '../params.ts';
import { createBalanceTransaction } from './balance-transactions.ts';

export const STATEMENT_DESCRIPTOR = 'STRIPE EMULATOR';

type Attempt = {
  paymentIntent: Stripe.PaymentIntent;
  paymentMethod: Stripe.PaymentMethod;
  card: TestCard;
  authenticated: boolean;
  /** Absent when the charge succeeded. */
  decline?: Decline;
};

function outcome(decline: Decline | undefined): Stripe.Charge.Outcome {
  if (!decline) {
    return {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      risk_score: 20,
      seller_message: 'Payment complete.',
      type: 'authorized',
    };
  }
  return {
    advice_code: decline.declineCode === 'insufficient_funds' ? 'try_again_later' : 'do_not_try_again',
    network_advice_code: null,
    network_decline_code: null,
    network_status: 'declined_by_network',
    reason: decline.declineCode,
    risk_level: 'normal',
    risk_score: 20,
    seller_message: 'The bank did not return any further details with this decline.',
    type: 'issuer_declined',
  };
}

function cardDetails(attempt: Attempt): Stripe.Charge.PaymentMethodDetails.Card {
  const { paymentIntent: pi, paymentMethod: pm, card, decline, authenticated } = attempt;
  const pmCard = pm.card;
  return {
    amount_authorized: decline ? null : pi.amount,
    authorization_code: decline ? null : randomToken(6).toUpperCase(),
    brand: card.brand,
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
    country: card.country,
    electronic_commerce_indicator: authenticated ? '05' : null,
    exp_month: pmCard?.exp_month ?? 12,
    exp_year: pmCard?.exp_year ?? 2099,
    extended_authorization: { status: 'disabled' },
    fingerprint: pmCard?.fingerprint ?? null,
    funding: card.funding,
    incremental_authorization: { status: 'unavailable' },
    installments: null,
    last4: card.number.slice(-4),
    mandate: null,
    multicapture: { status: 'unavailable' },
    network: card.brand,
    network_token: { used: false },
    network_transaction_id: decline ? null : randomToken(15),
    overcapture: { maximum_amount_capturable: pi.amount, status: 'unavailable' },
    regulated_status: 'unregulated',
    three_d_secure: authenticated
      ? {
          authentication_flow: 'challenge',
          electronic_commerce_indicator: '05',
          exemption_indicator: null,
          result: 'authenticated',
          result_reason: null,
          transaction_id: randomToken(32),
          version: '2.2.0',
        }
      : null,
    transaction_link_id: null,
    wallet: null,
  };
}

function buildCharge(emu: Emu, attempt: Attempt): Stripe.Charge {
  const { paymentIntent: pi, paymentMethod: pm, decline } = attempt;
  const id = newId('ch');
  return {
    id,
    object: 'charge',
    amount: pi.amount,
    amount_captured: decline ? 0 : pi.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: pm.billing_details,
    calculated_statement_descriptor: pi.statement_descriptor ?? STATEMENT_DESCRIPTOR,
    captured: !decline,
    created: emu.now(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: pi.metadata,
    on_behalf_of: null,
    outcome: outcome(decline),
    paid: !decline,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: { card: cardDetails(attempt), type: 'card' },
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: decline ? null : `${emu.publicUrl}/receipts/${id}`,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: decline ? 'failed' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
}

/** Records the charge for a payment attempt (`charge.succeeded` or `charge.failed`). */
export function recordCharge(emu: Emu, req: RequestCtx, attempt: Attempt): Stripe.Charge {
  const charge = emu.store.insert<'charge'>(buildCharge(emu, attempt));
  emitEvent(emu, req, attempt.decline ? 'charge.failed' : 'charge.succeeded', charge);
  return charge;
}

/**
 * Books a successful charge in the balance (2.9 % + fixed fee, available two days later) and emits
 * `charge.updated` for the new `balance_transaction`, as Stripe does shortly after `charge.succeeded`.
 */
export function attachBalanceTransaction(emu: Emu, req: RequestCtx, charge: Stripe.Charge): Stripe.Charge {
  const fee = processingFee(charge.amount, charge.currency);
  const txn = createBalanceTransaction(emu, {
    amount: charge.amount,
    currency: charge.currency,
    type: 'charge',
    reportingCategory: 'charge',
    source: charge.id,
    description: charge.description,
    fees: [{ amount: fee, description: 'Stripe processing fees' }],
    availableOn: availableOn(charge.created),
  });
  return updateCharge(emu, req, charge, { balance_transaction: txn.id }, 'charge.updated');
}

/** Changes a charge and emits `eventType` with `previous_attributes`. */
export function updateCharge(
  emu: Emu,
  req: RequestCtx,
  before: Stripe.Charge,
  changes: Partial<Stripe.Charge>,
  eventType: 'charge.refunded' | 'charge.updated',
): Stripe.Charge {
  return saveChange(emu, req, eventType, before, { ...before, ...changes });
}

const ListParams = z.strictObject({
  ...zListShape,
  created: zRange.optional(),
  customer: zId.optional(),
  payment_intent: zId.optional(),
});

export function registerCharges(api: ApiRouter): void {
  api.get('/v1/charges/:id', zRetrieve, (_, { emu, param }) => emu.store.require('charge', param('id')));
  api.get('/v1/charges', ListParams, (params, { emu }) => {
    return listObjects(
      emu,
      'charge',
      '/v1/charges',
      params,
      matching(params, ['customer', 'payment_intent']),
    );
  });
}
