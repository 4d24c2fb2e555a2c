// BalanceTransactions (the ledger behind charges, refunds, disputes and payouts) and GET /v1/balance.
import type Stripe from 'stripe';
import { z } from 'zod';
import { AUTOMATIC, type Emu } from '../context.ts';
import { invalidRequest } from '../errors.ts';
import { emitEvent } from '../events.ts';
import type { ApiRouter } from '../http.ts';
import { newId } from '../ids.ts';
import { listObjects, matching } from '../list.ts';
import { convertMinor, type Settlement } from '../money.ts';
import { zExpand, zId, zListShape, zRange, zRetrieve } from '../params.ts';
import type { Filter } from '../store.ts';

export type LedgerEntry = {
  amount: number;
  currency: string;
  type: Stripe.BalanceTransaction.Type;
  reportingCategory: string;
  source: string;
  description: string | null;
  fees?: { amount: number; description: string }[];
  availableOn: number;
  /** Payout that this entry belongs to (a payout's own entry, or entries swept into one). */
  payout?: string;
};

/** Stores a balance transaction; `net` = amount − fees, status follows `available_on` and the clock. */
export function createBalanceTransaction(emu: Emu, original: LedgerEntry): Stripe.BalanceTransaction {
  const { entry, exchangeRate } = inSettlementCurrency(emu, original);
  const feeDetails: Stripe.BalanceTransaction.FeeDetail[] = (entry.fees ?? []).map((fee) => ({
    amount: fee.amount,
    application: null,
    currency: entry.currency,
    description: fee.description,
    type: 'stripe_fee',
  }));
  const fee = feeDetails.reduce((sum, detail) => sum + detail.amount, 0);
  const created = emu.now();
  const txn: Stripe.BalanceTransaction = {
    id: newId('txn'),
    object: 'balance_transaction',
    amount: entry.amount,
    available_on: entry.availableOn,
    balance_type: 'payments',
    created,
    currency: entry.currency,
    description: entry.description,
    exchange_rate: exchangeRate,
    fee,
    fee_details: feeDetails,
    net: entry.amount - fee,
    reporting_category: entry.reportingCategory,
    source: entry.source,
    status: entry.availableOn <= created ? 'available' : 'pending',
    type: entry.type,
  };
  return emu.store.insert<'balance_transaction'>(txn, entry.payout ? { payout: entry.payout } : {});
}

export const SETTLEMENT_SETTING = 'settlement';

/**
 * An entry in a currency other than the account's settlement currency is booked in the settlement currency
 * (amount and fees converted at the configured rate) with its `exchange_rate`, as Stripe does.
 */
function inSettlementCurrency(
  emu: Emu,
  entry: LedgerEntry,
): { entry: LedgerEntry; exchangeRate: number | null } {
  const settlement = emu.store.setting<Settlement>(SETTLEMENT_SETTING);
  const rate = settlement?.rates[entry.currency];
  if (!settlement || settlement.currency === entry.currency || !rate) return { entry, exchangeRate: null };
  const convert = (amount: number) => convertMinor(amount, entry.currency, settlement.currency, rate);
  return {
    entry: {
      ...entry,
      amount: convert(entry.amount),
      currency: settlement.currency,
      ...(entry.fees ? { fees: entry.fees.map((fee) => ({ ...fee, amount: convert(fee.amount) })) } : {}),
    },
    exchangeRate: Number(rate),
  };
}

/** Flips `pending` entries whose `available_on` has passed (the clock may have been moved). */
export function releaseAvailableFunds(emu: Emu): void {
  const released = emu.store.db
    .prepare(
      `UPDATE objects SET json = json_set(json, '$.status', 'available')
       WHERE type = 'balance_transaction' AND json_extract(json, '$.status') = 'pending'
         AND json_extract(json, '$.available_on') <= ?`,
    )
    .run(emu.now());
  if (released.changes > 0) emitEvent(emu, AUTOMATIC, 'balance.available', balance(emu));
}

/** Sum of `net` per currency over available entries matching the filter. */
export function availableByCurrency(emu: Emu, filter: Filter = {}): Map<string, number> {
  const totals = new Map<string, number>();
  for (const txn of emu.store.all('balance_transaction', {
    ...filter,
    fields: { ...filter.fields, status: 'available' },
  })) {
    totals.set(txn.currency, (totals.get(txn.currency) ?? 0) + txn.net);
  }
  return totals;
}

function balance(emu: Emu): Stripe.Balance {
  const available = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const txn of emu.store.all('balance_transaction')) {
    for (const totals of [available, pending]) if (!totals.has(txn.currency)) totals.set(txn.currency, 0);
    const bucket = txn.status === 'available' ? available : pending;
    bucket.set(txn.currency, (bucket.get(txn.currency) ?? 0) + txn.net);
  }
  if (available.size === 0) {
    available.set('usd', 0);
    pending.set('usd', 0);
  }
  const amounts = (totals: Map<string, number>) =>
    [...totals].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } }));
  return { object: 'balance', available: amounts(available), livemode: false, pending: amounts(pending) };
}

const ListParams = z.strictObject({
  ...zListShape,
  created: zRange.optional(),
  currency: z.string().optional(),
  payout: zId.optional(),
  source: zId.optional(),
  type: z.string().optional(),
});

export function registerBalanceTransactions(api: ApiRouter): void {
  api.get('/v1/balance', z.strictObject(zExpand), (_, { emu }) => balance(emu));
  api.get('/v1/balance_transactions/:id', zRetrieve, (_, { emu, param }) =>
    emu.store.require('balance_transaction', param('id')),
  );
  api.get('/v1/balance_transactions', ListParams, (params, { emu }) => {
    if (params.payout && !emu.store.require('payout', params.payout, 'payout').automatic) {
      throw invalidRequest(
        'Balance transaction history can only be filtered on automatic transfers, not manual.',
        { param: 'payout' },
      );
    }
    const filter = matching({ ...params, currency: params.currency?.toLowerCase() }, [
      'currency',
      'source',
      'type',
    ]);
    if (params.payout) filter.meta = { payout: params.payout };
    return listObjects(emu, 'balance_transaction', '/v1/balance_transactions', params, filter);
  });
}
