// Stripe's objects as the finance tables store them: balance transactions with what their (expanded) source
// says about the charge, PaymentIntent, customer and quote behind them; payouts. Currency upper case,
// timestamps ISO-8601, amounts as Stripe gives them (minor units).

import type { Stripe } from '../../../platform/stripe/client.ts';
import type { PayoutRow, TransactionRow } from './sync-repo.ts';

/** Where the portal's checkout puts the quote a charge pays (both spellings accepted). */
const QUOTE_METADATA_KEYS = ['quote_id', 'quoteId'] as const;

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();
const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === 'string' ? value : value.id;

function quoteOf(metadata: Stripe.Metadata | null | undefined): string | null {
  for (const key of QUOTE_METADATA_KEYS) {
    const value = metadata?.[key];
    if (value) return value;
  }
  return null;
}

type SourceFacts = Pick<
  TransactionRow,
  'source_id' | 'source_type' | 'charge_id' | 'payment_intent_id' | 'customer_id' | 'quote_id'
>;

function sourceFacts(source: Stripe.BalanceTransaction['source']): SourceFacts {
  const none = { charge_id: null, payment_intent_id: null, customer_id: null, quote_id: null };
  if (source == null) return { source_id: null, source_type: null, ...none };
  if (typeof source === 'string') return { source_id: source, source_type: null, ...none };
  switch (source.object) {
    case 'charge':
      return {
        source_id: source.id,
        source_type: 'charge',
        charge_id: source.id,
        payment_intent_id: idOf(source.payment_intent),
        customer_id: idOf(source.customer),
        quote_id: quoteOf(source.metadata),
      };
    case 'refund':
      return {
        source_id: source.id,
        source_type: 'refund',
        charge_id: idOf(source.charge),
        payment_intent_id: idOf(source.payment_intent),
        customer_id: null,
        quote_id: null,
      };
    case 'dispute':
      return {
        source_id: source.id,
        source_type: 'dispute',
        charge_id: idOf(source.charge),
        payment_intent_id: idOf(source.payment_intent),
        customer_id: null,
        quote_id: null,
      };
    default:
      return { source_id: source.id, source_type: source.object, ...none };
  }
}

/**
 * A transaction settled in another currency than its source's: Stripe's `exchange_rate` and the source's own
 * amount (signed like the transaction) and currency, so reconciliation compares the charge in its currency.
 */
function settlementFacts(
  txn: Stripe.BalanceTransaction,
): Pick<TransactionRow, 'exchange_rate' | 'source_amount_minor' | 'source_currency'> {
  const source = txn.source;
  const own =
    source && typeof source === 'object' && 'amount' in source && 'currency' in source
      ? { amount: source.amount, currency: source.currency }
      : null;
  if (txn.exchange_rate === null || !own) {
    return { exchange_rate: null, source_amount_minor: null, source_currency: null };
  }
  return {
    exchange_rate: String(txn.exchange_rate),
    source_amount_minor: Math.sign(txn.amount) * Math.abs(own.amount),
    source_currency: own.currency.toUpperCase(),
  };
}

export function transactionRow(
  txn: Stripe.BalanceTransaction,
  syncedAt: string,
  payoutId: string | null = null,
): TransactionRow {
  return {
    id: txn.id,
    type: txn.type,
    reporting_category: txn.reporting_category,
    amount_minor: txn.amount,
    fee_minor: txn.fee,
    net_minor: txn.net,
    currency: txn.currency.toUpperCase(),
    status: txn.status,
    description: txn.description,
    ...sourceFacts(txn.source),
    ...settlementFacts(txn),
    payout_id: payoutId,
    stripe_created_at: iso(txn.created),
    available_on: iso(txn.available_on),
    synced_at: syncedAt,
  };
}

export function payoutRow(payout: Stripe.Payout, syncedAt: string): PayoutRow {
  return {
    id: payout.id,
    amount_minor: payout.amount,
    currency: payout.currency.toUpperCase(),
    status: payout.status,
    is_automatic: payout.automatic ? 1 : 0,
    method: payout.method,
    balance_transaction_id: idOf(payout.balance_transaction),
    failure_balance_transaction_id: idOf(payout.failure_balance_transaction),
    failure_code: payout.failure_code,
    failure_message: payout.failure_message,
    stripe_created_at: iso(payout.created),
    arrival_at: iso(payout.arrival_date),
    synced_at: syncedAt,
  };
}
