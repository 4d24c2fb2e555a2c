// Disputes: opened on a charge by a test helper (funds and a 1500 fee withdrawn), closed as won or
// lost; retrieve, update metadata, close (accept), list.
import type Stripe from 'stripe';
import { z } from 'zod';
import type { Emu, RequestCtx } from '../context.ts';
import { invalidRequest, unexpectedState } from '../errors.ts';
import { emitEvent } from '../events.ts';
import { addDays, disputeFee } from '../fees.ts';
import type { ApiRouter } from '../http.ts';
import { newId } from '../ids.ts';
import { listObjects, matching } from '../list.ts';
import { zId, zListShape, zRange, zRetrieve } from '../params.ts';
import { createBalanceTransaction } from './balance-transactions.ts';
import { updateCharge } from './charges.ts';
import { registerMetadataUpdate } from './metadata-updates.ts';

/** Visa reason codes for the common dispute reasons. */
const NETWORK_REASON: Record<string, string> = {
  fraudulent: '10.4',
  product_not_received: '13.1',
  duplicate: '12.6.1',
  subscription_canceled: '13.2',
  credit_not_processed: '13.6',
  product_unacceptable: '13.3',
};

const OPEN = ['needs_response', 'under_review', 'warning_needs_response', 'warning_under_review'];

function emptyEvidence(): Stripe.Dispute.Evidence {
  return {
    access_activity_log: null,
    billing_address: null,
    cancellation_policy: null,
    cancellation_policy_disclosure: null,
    cancellation_rebuttal: null,
    customer_communication: null,
    customer_email_address: null,
    customer_name: null,
    customer_purchase_ip: null,
    customer_signature: null,
    duplicate_charge_documentation: null,
    duplicate_charge_explanation: null,
    duplicate_charge_id: null,
    enhanced_evidence: {},
    product_description: null,
    receipt: null,
    refund_policy: null,
    refund_policy_disclosure: null,
    refund_refusal_explanation: null,
    service_date: null,
    service_documentation: null,
    shipping_address: null,
    shipping_carrier: null,
    shipping_date: null,
    shipping_documentation: null,
    shipping_tracking_number: null,
    uncategorized_file: null,
    uncategorized_text: null,
  };
}

/** Opens a dispute as the card network would (test helper). */
export function openDispute(
  emu: Emu,
  req: RequestCtx,
  chargeId: string,
  options: { reason?: string | undefined; amount?: number | undefined },
): Stripe.Dispute {
  const charge = emu.store.require('charge', chargeId, 'charge');
  if (charge.status !== 'succeeded')
    throw invalidRequest(`Charge ${charge.id} did not succeed and cannot be disputed.`);
  if (charge.disputed)
    throw invalidRequest(`Charge ${charge.id} is already disputed.`, { code: 'charge_disputed' });
  const amount = options.amount ?? charge.amount - charge.amount_refunded;
  if (amount <= 0 || amount > charge.amount)
    throw invalidRequest('Invalid dispute amount.', { param: 'amount' });
  const reason = options.reason ?? 'fraudulent';
  const id = newId('dp');
  const now = emu.now();
  const txn = createBalanceTransaction(emu, {
    amount: -amount,
    currency: charge.currency,
    type: 'adjustment',
    reportingCategory: 'dispute',
    source: id,
    description: `Chargeback withdrawal for ${charge.id}`,
    fees: [{ amount: disputeFee(charge.currency), description: 'Dispute fee' }],
    availableOn: now,
  });
  const networkReasonCode = NETWORK_REASON[reason] ?? '13.7';
  const dispute: Stripe.Dispute = {
    id,
    object: 'dispute',
    amount,
    balance_transactions: [txn],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: addDays(now, 7),
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: 'not_submitted',
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    network_reason_code: networkReasonCode,
    payment_intent: charge.payment_intent,
    payment_method_details: {
      card: {
        brand: charge.payment_method_details?.card?.brand ?? 'visa',
        case_type: 'chargeback',
        network: charge.payment_method_details?.card?.network ?? 'visa',
        network_reason_code: networkReasonCode,
      },
      type: 'card',
    },
    reason,
    status: 'needs_response',
  };
  emu.store.insert<'dispute'>(dispute);
  updateCharge(emu, req, charge, { disputed: true }, 'charge.updated');
  emitEvent(emu, req, 'charge.dispute.created', dispute);
  emitEvent(emu, req, 'charge.dispute.funds_withdrawn', dispute);
  return dispute;
}

/** Closes an open dispute; a won dispute gets its amount reinstated (the fee is kept). */
export function closeDispute(emu: Emu, req: RequestCtx, id: string, outcome: 'won' | 'lost'): Stripe.Dispute {
  const before = emu.store.require('dispute', id);
  if (!OPEN.includes(before.status)) {
    throw unexpectedState(
      `This dispute is already closed (status: ${before.status}).`,
      'dispute_already_closed',
    );
  }
  let after: Stripe.Dispute = { ...before, status: outcome };
  if (outcome === 'won') {
    const charge = typeof before.charge === 'string' ? before.charge : before.charge.id;
    const txn = createBalanceTransaction(emu, {
      amount: before.amount,
      currency: before.currency,
      type: 'adjustment',
      reportingCategory: 'dispute_reversal',
      source: before.id,
      description: `Chargeback reversal for ${charge}`,
      availableOn: emu.now(),
    });
    after = { ...after, balance_transactions: [...before.balance_transactions, txn] };
  }
  emu.store.update(after);
  if (outcome === 'won') emitEvent(emu, req, 'charge.dispute.funds_reinstated', after, before);
  emitEvent(emu, req, 'charge.dispute.closed', after, before);
  return after;
}

const ListParams = z.strictObject({
  ...zListShape,
  charge: zId.optional(),
  created: zRange.optional(),
  payment_intent: zId.optional(),
});

export function registerDisputes(api: ApiRouter): void {
  api.get('/v1/disputes/:id', zRetrieve, (_, { emu, param }) => emu.store.require('dispute', param('id')));
  registerMetadataUpdate(api, '/v1/disputes/:id', 'dispute', 'charge.dispute.updated');
  api.post('/v1/disputes/:id/close', zRetrieve, (_, { emu, req, param }) =>
    closeDispute(emu, req, param('id'), 'lost'),
  );
  api.get('/v1/disputes', ListParams, (params, { emu }) => {
    return listObjects(
      emu,
      'dispute',
      '/v1/disputes',
      params,
      matching(params, ['charge', 'payment_intent']),
    );
  });
}
