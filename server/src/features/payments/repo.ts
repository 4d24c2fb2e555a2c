// SQL of payments: recorded Stripe events, Checkout Sessions started for quotes, payments, refunds, disputes,
// fulfilments. No rules here. Typed against these tables alone (decision 015/023): the account's billing details,
// Stripe customer and card are accounts' (its service), the payer's e-mail auth's.

import type { TTimeKey } from '@portal/shared/schemas/ops-workspace';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { olderThan } from '../../platform/db/keyset.ts';
import type {
  CheckoutSessionTable,
  DisputeTable,
  FulfilmentTable,
  PaymentTable,
  RefundTable,
  StripeEventTable,
} from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

type DbOrTx = DbOf<
  'checkout_sessions' | 'disputes' | 'fulfilments' | 'payments' | 'refunds' | 'stripe_events'
>;

export type CheckoutSessionRow = Selectable<CheckoutSessionTable>;
export type PaymentRow = Selectable<PaymentTable>;
export type FulfilmentRow = Selectable<FulfilmentTable>;

// ---- Stripe events ----

/** Records the event unless it is known; returns the stored row when it was already there. */
export async function insertEventIfNew(
  db: DbOrTx,
  row: Insertable<StripeEventTable>,
): Promise<Selectable<StripeEventTable> | null> {
  const result = await db
    .insertInto('stripe_events')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) return null;
  return (
    (await db.selectFrom('stripe_events').selectAll().where('id', '=', row.id).executeTakeFirst()) ?? null
  );
}

export async function markEvent(
  db: DbOrTx,
  id: string,
  values: {
    status: string;
    processedAt: string | null;
    lastError: string | null;
    ignoredReason?: string | null;
  },
) {
  await db
    .updateTable('stripe_events')
    .set((eb) => ({
      status: values.status,
      processed_at: values.processedAt,
      last_error: values.lastError,
      ...(values.ignoredReason !== undefined ? { ignored_reason: values.ignoredReason } : {}),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

// ---- Checkout Sessions ----

export async function findLatestCheckoutSessionOfQuote(db: DbOrTx, quoteId: string) {
  return db
    .selectFrom('checkout_sessions')
    .selectAll()
    .where('quote_id', '=', quoteId)
    .orderBy('generation', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts the session; a second insert of the same Stripe session (two tabs, one idempotent answer) is a no-op. */
export async function insertCheckoutSession(
  db: DbOrTx,
  row: Insertable<CheckoutSessionTable>,
): Promise<boolean> {
  const result = await db
    .insertInto('checkout_sessions')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findCheckoutSession(db: DbOrTx, id: string) {
  return db.selectFrom('checkout_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCheckoutSessionOfAccount(db: DbOrTx, accountId: string, id: string) {
  return db
    .selectFrom('checkout_sessions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateCheckoutSession(
  db: DbOrTx,
  id: string,
  values: Updateable<CheckoutSessionTable>,
) {
  await db.updateTable('checkout_sessions').set(values).where('id', '=', id).execute();
}

/** Open sessions of the subscription's other quotes (to be expired when a new checkout starts). */
export async function listOpenCheckoutSessionsOfSubscription(
  db: DbOrTx,
  subscriptionId: string,
  exceptQuoteId: string,
) {
  return db
    .selectFrom('checkout_sessions')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'open')
    .where('quote_id', '!=', exceptQuoteId)
    .execute();
}

/** Sessions still open locally whose Stripe expiry has passed (the sweep reads their final state). */
export async function listLapsedOpenCheckoutSessions(db: DbOrTx, nowIso: string, limit: number) {
  return db
    .selectFrom('checkout_sessions')
    .select('id')
    .where('status', '=', 'open')
    .where('expires_at', '<=', nowIso)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
}

// ---- payments ----

export async function findPaymentByIntent(db: DbOrTx, paymentIntentId: string) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('stripe_payment_intent_id', '=', paymentIntentId)
    .executeTakeFirst();
}

export async function findPayment(db: DbOrTx, id: string) {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Succeeded payments that could not be applied and are not refunded in full (the sweep refunds them). */
export async function listUnappliedPayments(db: DbOrTx, limit: number) {
  return db
    .selectFrom('payments')
    .select('id')
    .where('status', '=', 'succeeded')
    .where('fulfilment_status', '=', 'rejected')
    .whereRef('amount_refunded_minor', '<', 'amount_minor')
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

export async function findPaymentByCheckoutSession(db: DbOrTx, checkoutSessionId: string) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('checkout_session_id', '=', checkoutSessionId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertPayment(db: DbOrTx, row: Insertable<PaymentTable>) {
  await db.insertInto('payments').values(row).execute();
}

export async function updatePayment(db: DbOrTx, id: string, values: Updateable<PaymentTable>) {
  await db.updateTable('payments').set(values).where('id', '=', id).execute();
}

/** Whether the session's payment was settled one way or the other (applied, or set aside for a person). */
export async function isCheckoutSessionSettled(db: DbOrTx, checkoutSessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('payments')
    .select('id')
    .where('checkout_session_id', '=', checkoutSessionId)
    .where('fulfilment_status', 'in', ['fulfilled', 'rejected'])
    .executeTakeFirst();
  return row !== undefined;
}

// ---- refunds and disputes ----

export async function findRefund(db: DbOrTx, id: string) {
  return db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRefund(db: DbOrTx, row: Insertable<RefundTable>) {
  await db.insertInto('refunds').values(row).execute();
}

export async function updateRefund(db: DbOrTx, id: string, values: Updateable<RefundTable>) {
  await db.updateTable('refunds').set(values).where('id', '=', id).execute();
}

export async function findDispute(db: DbOrTx, id: string) {
  return db.selectFrom('disputes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDispute(db: DbOrTx, row: Insertable<DisputeTable>) {
  await db.insertInto('disputes').values(row).execute();
}

export async function updateDispute(db: DbOrTx, id: string, values: Updateable<DisputeTable>) {
  await db.updateTable('disputes').set(values).where('id', '=', id).execute();
}

// ---- fulfilments ----

export async function findFulfilmentOfQuote(db: DbOrTx, quoteId: string) {
  return db.selectFrom('fulfilments').selectAll().where('quote_id', '=', quoteId).executeTakeFirst();
}

export async function findFulfilmentOfPayment(db: DbOrTx, paymentId: string) {
  return db.selectFrom('fulfilments').selectAll().where('payment_id', '=', paymentId).executeTakeFirst();
}

export async function insertFulfilment(db: DbOrTx, row: Insertable<FulfilmentTable>) {
  await db.insertInto('fulfilments').values(row).execute();
}

/** An account's payments, newest first, one keyset page (the ops timeline, decision 021). */
export async function listPaymentsOfAccountPage(
  db: DbOrTx,
  accountId: string,
  after: TTimeKey | null,
  limit: number,
) {
  return db
    .selectFrom('payments')
    .select(['id', 'created_at', 'source', 'status', 'amount_minor', 'currency', 'card_last4'])
    .where('account_id', '=', accountId)
    .$if(after !== null, (q) => q.where((eb) => olderThan(eb, 'created_at', 'id', after as TTimeKey)))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
