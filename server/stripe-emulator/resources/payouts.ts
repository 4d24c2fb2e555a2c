// Payouts: manual ones through the API, automatic ones from the "run payouts" test helper (the available
// balance per currency, its balance transactions linked to the payout); paid, failed or canceled.
import type Stripe from 'stripe';
import { z } from 'zod';
import type { Emu, RequestCtx } from '../context.ts';
import { invalidRequest, unexpectedState } from '../errors.ts';
import { emitEvent, saveChange } from '../events.ts';
import { availableOn } from '../fees.ts';
import type { ApiRouter } from '../http.ts';
import { newId } from '../ids.ts';
import { listObjects, matching } from '../list.ts';
import { assertCurrency } from '../money.ts';
import { mergeMetadata, zEnum, zExpand, zInt, zListShape, zMetadata, zRange, zRetrieve } from '../params.ts';
import { availableByCurrency, createBalanceTransaction } from './balance-transactions.ts';
import { registerMetadataUpdate } from './metadata-updates.ts';

/** The emulated account's single bank account. */
const BANK_ACCOUNT = 'ba_1EmulatorBankAccount00';

type NewPayout = {
  amount: number;
  currency: string;
  automatic: boolean;
  description?: string | null;
  metadata?: Record<string, string> | null;
  statementDescriptor?: string | null;
  method?: 'standard' | 'instant';
};

function createPayout(emu: Emu, req: RequestCtx, input: NewPayout): Stripe.Payout {
  const id = newId('po');
  const now = emu.now();
  const txn = createBalanceTransaction(emu, {
    amount: -input.amount,
    currency: input.currency,
    type: 'payout',
    reportingCategory: 'payout',
    source: id,
    description: input.description ?? 'STRIPE PAYOUT',
    availableOn: now,
    ...(input.automatic ? { payout: id } : {}),
  });
  const payout: Stripe.Payout = {
    id,
    object: 'payout',
    amount: input.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: input.method === 'instant' ? now : availableOn(now),
    automatic: input.automatic,
    balance_transaction: txn.id,
    created: now,
    currency: input.currency,
    description: input.description ?? 'STRIPE PAYOUT',
    destination: BANK_ACCOUNT,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: mergeMetadata({}, input.metadata),
    method: input.method ?? 'standard',
    original_payout: null,
    payout_method: null,
    reconciliation_status: input.automatic ? 'in_progress' : 'not_applicable',
    reversed_by: null,
    source_type: 'card',
    statement_descriptor: input.statementDescriptor ?? null,
    status: 'pending',
    trace_id: { status: 'pending', value: null },
    type: 'bank_account',
  };
  emu.store.insert<'payout'>(payout);
  emitEvent(emu, req, 'payout.created', payout);
  return payout;
}

export type PayoutOutcome = 'paid' | 'in_transit' | 'failed';

/** Moves a pending payout on: in transit, paid (funds arrived) or failed (funds returned). */
export function settlePayout(emu: Emu, req: RequestCtx, id: string, outcome: PayoutOutcome): Stripe.Payout {
  const before = emu.store.require('payout', id);
  if (before.status !== 'pending' && before.status !== 'in_transit') {
    throw unexpectedState(
      `Payout ${id} has status ${before.status} and cannot change.`,
      'payout_unexpected_state',
    );
  }
  if (outcome === 'in_transit') {
    return saveChange(emu, req, 'payout.updated', before, { ...before, status: 'in_transit' });
  }
  if (outcome === 'paid') {
    const after: Stripe.Payout = {
      ...before,
      status: 'paid',
      arrival_date: Math.min(before.arrival_date, emu.now()),
      reconciliation_status: before.automatic ? 'completed' : 'not_applicable',
      trace_id: { status: 'supported', value: `EMU${before.id.slice(-12).toUpperCase()}` },
    };
    emu.store.update(after);
    emitEvent(emu, req, 'payout.paid', after);
    return after;
  }
  const failure = createBalanceTransaction(emu, {
    amount: before.amount,
    currency: before.currency,
    type: 'payout_failure',
    reportingCategory: 'payout_reversal',
    source: before.id,
    description: `Payout failure for ${before.id}`,
    availableOn: emu.now(),
  });
  const after: Stripe.Payout = {
    ...before,
    status: 'failed',
    failure_balance_transaction: failure.id,
    failure_code: 'account_closed',
    failure_message: 'The bank account has been closed.',
  };
  emu.store.update(after);
  emitEvent(emu, req, 'payout.failed', after);
  return after;
}

/**
 * Test helper: one automatic payout per currency with a positive available balance, linking every
 * available balance transaction not yet paid out (`GET /v1/balance_transactions?payout=po_…`).
 */
export function runPayouts(emu: Emu, req: RequestCtx, outcome: PayoutOutcome): Stripe.Payout[] {
  const unpaid = { meta: { payout: null } };
  const payouts: Stripe.Payout[] = [];
  for (const [currency, amount] of availableByCurrency(emu, unpaid)) {
    if (amount <= 0) continue;
    const entries = emu.store.all('balance_transaction', {
      fields: { status: 'available', currency },
      ...unpaid,
    });
    const payout = createPayout(emu, req, { amount, currency, automatic: true });
    for (const entry of entries) emu.store.setMeta(entry.id, { payout: payout.id });
    payouts.push(settlePayout(emu, req, payout.id, outcome));
  }
  return payouts;
}

/** Pays pending/in-transit payouts whose arrival date has come (the clock may have been moved). */
export function payArrivedPayouts(emu: Emu): void {
  for (const status of ['pending', 'in_transit']) {
    for (const payout of emu.store.all('payout', { fields: { status } })) {
      if (payout.arrival_date <= emu.now())
        settlePayout(emu, { requestId: null, idempotencyKey: null }, payout.id, 'paid');
    }
  }
}

const CreateParams = z.strictObject({
  ...zExpand,
  amount: zInt,
  currency: z.string(),
  description: z.string().optional(),
  metadata: zMetadata.optional(),
  method: zEnum(['standard', 'instant'] as const).optional(),
  statement_descriptor: z.string().max(22).optional(),
});
const ListParams = z.strictObject({
  ...zListShape,
  arrival_date: zRange.optional(),
  created: zRange.optional(),
  status: z.string().optional(),
});

export function registerPayouts(api: ApiRouter): void {
  api.post('/v1/payouts', CreateParams, (params, { emu, req }) => {
    const currency = assertCurrency(params.currency);
    if (params.amount <= 0) throw invalidRequest('Invalid positive integer', { param: 'amount' });
    const available = availableByCurrency(emu).get(currency) ?? 0;
    if (params.amount > available) {
      throw invalidRequest(
        'You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).',
        { code: 'balance_insufficient' },
      );
    }
    return createPayout(emu, req, {
      amount: params.amount,
      currency,
      automatic: false,
      description: params.description ?? null,
      metadata: params.metadata ?? null,
      statementDescriptor: params.statement_descriptor ?? null,
      ...(params.method ? { method: params.method } : {}),
    });
  });
  api.get('/v1/payouts/:id', zRetrieve, (_, { emu, param }) => emu.store.require('payout', param('id')));
  registerMetadataUpdate(api, '/v1/payouts/:id', 'payout', 'payout.updated');
  api.post('/v1/payouts/:id/cancel', zRetrieve, (_, { emu, req, param }) => {
    const before = emu.store.require('payout', param('id'));
    if (before.status !== 'pending' || before.automatic) {
      throw unexpectedState('Only pending manual payouts can be canceled.', 'payout_unexpected_state');
    }
    createBalanceTransaction(emu, {
      amount: before.amount,
      currency: before.currency,
      type: 'payout_cancel',
      reportingCategory: 'payout_reversal',
      source: before.id,
      description: `Payout cancellation for ${before.id}`,
      availableOn: emu.now(),
    });
    const after: Stripe.Payout = { ...before, status: 'canceled' };
    emu.store.update(after);
    emitEvent(emu, req, 'payout.canceled', after);
    return after;
  });
  api.get('/v1/payouts', ListParams, (params, { emu }) => {
    const filter = matching(params, ['status']);
    if (params.arrival_date !== undefined) filter.fieldRange = { arrival_date: params.arrival_date };
    return listObjects(emu, 'payout', '/v1/payouts', params, filter);
  });
}
