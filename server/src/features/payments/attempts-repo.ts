// SQL of payable attempts (decision 010): the rows that stand for "something that can take money for this
// subscription-term", at most one not closed per (subscription, term) by a UNIQUE partial index. No rules here.

import type { Insertable, Selectable, Updateable } from 'kysely';
import type { PayableAttemptTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

type DbOrTx = DbOf<'payable_attempts'>;

export type AttemptRow = Selectable<PayableAttemptTable>;

/**
 * Inserts the attempt unless another attempt of the same subscription-term is open (or the key is known):
 * the database decides, so two requests can never both hold the term. Returns whether this insert won.
 */
export async function insertAttemptIfFree(
  db: DbOrTx,
  row: Insertable<PayableAttemptTable>,
): Promise<boolean> {
  const result = await db
    .insertInto('payable_attempts')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The attempt that holds the subscription-term (not closed), if any. */
export async function findOpenAttempt(db: DbOrTx, subscriptionId: string, termEnd: string) {
  return db
    .selectFrom('payable_attempts')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('term_end', '=', termEnd)
    .where('state', '!=', 'closed')
    .executeTakeFirst();
}

export async function findAttemptByKey(db: DbOrTx, idempotencyKey: string) {
  return db
    .selectFrom('payable_attempts')
    .selectAll()
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export async function listOpenAttemptsOfSubscription(db: DbOrTx, subscriptionId: string) {
  return db
    .selectFrom('payable_attempts')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('state', '!=', 'closed')
    .execute();
}

/** Updates an attempt only while it is not closed; returns whether it did. */
export async function updateOpenAttempt(
  db: DbOrTx,
  id: string,
  values: Updateable<PayableAttemptTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('payable_attempts')
    .set(values)
    .where('id', '=', id)
    .where('state', '!=', 'closed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Closes the open attempts that took (or could take) this payment; returns how many. */
export async function closeAttemptsOfPayment(
  db: DbOrTx,
  input: { checkoutSessionId: string | null; paymentIntentId: string; reason: string; nowIso: string },
): Promise<number> {
  const result = await db
    .updateTable('payable_attempts')
    .set({ state: 'closed', close_reason: input.reason, closed_at: input.nowIso, updated_at: input.nowIso })
    .where('state', '!=', 'closed')
    .where((eb) =>
      eb.or([
        eb('payment_intent_id', '=', input.paymentIntentId),
        ...(input.checkoutSessionId ? [eb('checkout_session_id', '=', input.checkoutSessionId)] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Closes the attempt of an idempotency key (an automatic charge's ledger key) with its outcome. */
export async function closeAttemptByKey(
  db: DbOrTx,
  input: { key: string; reason: string; paymentIntentId: string | null; nowIso: string },
): Promise<void> {
  await db
    .updateTable('payable_attempts')
    .set({
      state: 'closed',
      close_reason: input.reason,
      closed_at: input.nowIso,
      updated_at: input.nowIso,
      payment_intent_id: input.paymentIntentId,
    })
    .where('idempotency_key', '=', input.key)
    .where('state', '!=', 'closed')
    .execute();
}
