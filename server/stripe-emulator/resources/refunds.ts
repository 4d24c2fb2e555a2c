// Refunds (full and partial) of a charge or PaymentIntent, each with its negative balance
// transaction; retrieve, update metadata, list.
import type Stripe from 'stripe';
import { z } from 'zod';
import type { Emu, RequestCtx } from '../context.ts';
import { invalidRequest } from '../errors.ts';
import { emitEvent } from '../events.ts';
import type { ApiRouter } from '../http.ts';
import { newId } from '../ids.ts';
import { type ApiList, listObjects, matching } from '../list.ts';
import { formatAmount } from '../money.ts';
import {
  mergeMetadata,
  zEnum,
  zExpand,
  zId,
  zInt,
  zListShape,
  zMetadata,
  zRange,
  zRetrieve,
} from '../params.ts';
import { createBalanceTransaction } from './balance-transactions.ts';
import { updateCharge } from './charges.ts';
import { registerMetadataUpdate } from './metadata-updates.ts';

const CreateParams = z.strictObject({
  ...zExpand,
  amount: zInt.optional(),
  charge: zId.optional(),
  metadata: zMetadata.optional(),
  payment_intent: zId.optional(),
  reason: zEnum(['duplicate', 'fraudulent', 'requested_by_customer'] as const).optional(),
});
type CreateParams = z.output<typeof CreateParams>;
const ListParams = z.strictObject({
  ...zListShape,
  charge: zId.optional(),
  created: zRange.optional(),
  payment_intent: zId.optional(),
});

function chargeToRefund(emu: Emu, params: CreateParams): Stripe.Charge {
  if (params.charge) return emu.store.require('charge', params.charge, 'charge');
  if (!params.payment_intent) {
    throw invalidRequest('One of `charge` or `payment_intent` is required.', { code: 'parameter_missing' });
  }
  const pi = emu.store.require('payment_intent', params.payment_intent, 'payment_intent');
  if (pi.status !== 'succeeded' || typeof pi.latest_charge !== 'string') {
    throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, {
      param: 'payment_intent',
    });
  }
  return emu.store.require('charge', pi.latest_charge, 'payment_intent');
}

/** Refunds all or part of a charge: `refund.created`, a negative balance transaction, `charge.refunded`. */
export function createRefund(emu: Emu, req: RequestCtx, params: CreateParams): Stripe.Refund {
  const charge = chargeToRefund(emu, params);
  if (charge.status !== 'succeeded') {
    throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, {
      param: 'charge',
    });
  }
  if (charge.disputed) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, {
      code: 'charge_disputed',
    });
  }
  const unrefunded = charge.amount - charge.amount_refunded;
  if (unrefunded === 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
      code: 'charge_already_refunded',
    });
  }
  const amount = params.amount ?? unrefunded;
  if (amount <= 0) throw invalidRequest('Invalid positive integer', { param: 'amount' });
  if (amount > unrefunded) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(unrefunded, charge.currency)})`,
      { param: 'amount' },
    );
  }
  const id = newId('re');
  const now = emu.now();
  const txn = createBalanceTransaction(emu, {
    amount: -amount,
    currency: charge.currency,
    type: 'refund',
    reportingCategory: 'refund',
    source: id,
    description: charge.description ? `REFUND FOR CHARGE (${charge.description})` : 'REFUND FOR CHARGE',
    availableOn: now,
  });
  const refund: Stripe.Refund = {
    id,
    object: 'refund',
    amount,
    balance_transaction: txn.id,
    charge: charge.id,
    created: now,
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: {
      card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' },
      type: 'card',
    },
    metadata: mergeMetadata({}, params.metadata),
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: params.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  emu.store.insert<'refund'>(refund);
  emitEvent(emu, req, 'refund.created', refund);
  const refunded = charge.amount_refunded + amount;
  updateCharge(
    emu,
    req,
    charge,
    { amount_refunded: refunded, refunded: refunded === charge.amount },
    'charge.refunded',
  );
  return refund;
}

/** `charge.refunds`, which Stripe includes only when expanded. */
export function refundsOfCharge(emu: Emu, charge: { id?: unknown }): ApiList<Stripe.Refund> {
  const id = String(charge.id);
  return listObjects(emu, 'refund', `/v1/charges/${id}/refunds`, { limit: 100 }, { fields: { charge: id } });
}

export function registerRefunds(api: ApiRouter): void {
  api.post('/v1/refunds', CreateParams, (params, { emu, req }) => createRefund(emu, req, params));
  api.get('/v1/refunds/:id', zRetrieve, (_, { emu, param }) => emu.store.require('refund', param('id')));
  registerMetadataUpdate(api, '/v1/refunds/:id', 'refund', 'refund.updated');
  api.get('/v1/refunds', ListParams, (params, { emu }) => {
    return listObjects(emu, 'refund', '/v1/refunds', params, matching(params, ['charge', 'payment_intent']));
  });
}
