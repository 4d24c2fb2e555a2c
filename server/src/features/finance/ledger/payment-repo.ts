// SQL of a payment's page for finance: the payment with its account, subscription, quote and invoice; its
// credit notes, refunds and disputes; its balance transaction and payout; the Stripe events received about
// its objects; audit events; its reconciliation lines.

import type { ReadsOf } from '../../../platform/db/slice.ts';

/** What these reads join (decision 015: finance reads other features' rows, never writes them). */
type Reads = ReadsOf<
  | 'accounts'
  | 'audit_events'
  | 'credit_notes'
  | 'disputes'
  | 'invoices'
  | 'payments'
  | 'quotes'
  | 'refunds'
  | 'stripe_balance_transactions'
  | 'stripe_events'
  | 'stripe_payouts'
  | 'subscriptions'
>;

export async function findPayment(db: Reads, id: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('subscriptions as s', 's.id', 'p.subscription_id')
    .leftJoin('quotes as q', 'q.id', 'p.quote_id')
    .leftJoin('invoices as i', 'i.payment_id', 'p.id')
    .selectAll('p')
    .select([
      'a.name as account_name',
      's.label as subscription_label',
      'q.number as quote_number',
      'i.id as invoice_id',
      'i.number as invoice_number',
      'i.issued_at as invoice_issued_at',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function listCreditNotes(db: Reads, invoiceId: string) {
  return db
    .selectFrom('credit_notes')
    .select(['id', 'number', 'amount_minor', 'currency', 'issued_at', 'refund_id'])
    .where('invoice_id', '=', invoiceId)
    .orderBy('issued_at')
    .execute();
}

export async function listRefunds(db: Reads, paymentId: string) {
  return db
    .selectFrom('refunds')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('stripe_created_at')
    .execute();
}

export async function listDisputes(db: Reads, paymentId: string) {
  return db
    .selectFrom('disputes')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('stripe_created_at')
    .execute();
}

/** The charge's balance transaction as synced (its payout, once paid out). */
export async function findChargeTransaction(db: Reads, chargeId: string) {
  return db
    .selectFrom('stripe_balance_transactions as t')
    .leftJoin('stripe_payouts as po', 'po.id', 't.payout_id')
    .select([
      't.id',
      't.fee_minor',
      't.net_minor',
      't.status',
      't.payout_id',
      'po.status as payout_status',
      'po.arrival_at as payout_arrival_at',
    ])
    .where('t.source_id', '=', chargeId)
    .executeTakeFirst();
}

export async function listStripeEvents(db: Reads, objectIds: readonly string[]) {
  if (objectIds.length === 0) return [];
  return db
    .selectFrom('stripe_events')
    .select(['id', 'type', 'object_id', 'stripe_created_at', 'received_at', 'status'])
    .where('object_id', 'in', objectIds)
    .orderBy('stripe_created_at')
    .limit(200)
    .execute();
}

export async function listAuditOf(db: Reads, entityIds: readonly string[]) {
  if (entityIds.length === 0) return [];
  return db
    .selectFrom('audit_events')
    .select(['id', 'at', 'actor_label', 'entity_type', 'entity_id', 'action'])
    .where('entity_id', 'in', entityIds)
    .orderBy('at')
    .limit(200)
    .execute();
}
