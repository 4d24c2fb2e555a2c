// SQL for subscriptions loaded by the vendor's systems: by the vendor's external id.

import type { Insertable, Updateable } from 'kysely';
import { eachSlice } from '../../platform/db/batches.ts';
import type { SubscriptionTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';
import { selectWithPlan, TERMS_COLUMNS } from './repo.ts';

type Db = DbOf<'subscriptions' | 'plans'>;

const COLUMNS = [
  ...TERMS_COLUMNS,
  'subscriptions.external_id',
  'subscriptions.created_at',
  'subscriptions.updated_at',
] as const;

function select(db: Db) {
  return selectWithPlan(db).select(COLUMNS);
}

export type VendorSubscriptionRow = NonNullable<Awaited<ReturnType<typeof findByExternalId>>>;

/** The subscription with this external id (no lock: reads for the vendor). */
export async function findByExternalId(db: Db, externalId: string) {
  return select(db).where('subscriptions.external_id', '=', externalId).executeTakeFirst();
}

/** The subscriptions with these external ids, their rows locked for the transaction (PostgreSQL). */
export async function findByExternalIds(db: Db, externalIds: readonly string[]) {
  return eachSlice(externalIds, 1, (ids) =>
    select(db).where('subscriptions.external_id', 'in', ids).forUpdate('subscriptions').execute(),
  );
}

/**
 * Inserts the subscriptions, skipping any whose external id exists; returns how many were inserted (fewer:
 * a concurrent insert, which PostgreSQL's serializable transactions and SQLite's one writer rule out first).
 */
export async function insertIfAbsent(db: Db, rows: readonly Insertable<SubscriptionTable>[]) {
  const inserted = await eachSlice(rows, 16, (slice) =>
    db
      .insertInto('subscriptions')
      .values(slice)
      .onConflict((oc) => oc.column('external_id').doNothing())
      .returning('id')
      .execute(),
  );
  return inserted.length;
}

export async function update(db: Db, id: string, values: Updateable<SubscriptionTable>) {
  await db.updateTable('subscriptions').set(values).where('id', '=', id).execute();
}

/** Subscriptions with an external id in external-id order after the cursor, optionally of one account. */
export async function listByExternalId(db: Db, input: { after?: string; accountId?: string; limit: number }) {
  let query = select(db).where('subscriptions.external_id', 'is not', null);
  if (input.after !== undefined) query = query.where('subscriptions.external_id', '>', input.after);
  if (input.accountId !== undefined) query = query.where('subscriptions.account_id', '=', input.accountId);
  return query.orderBy('subscriptions.external_id').limit(input.limit).execute();
}

export async function findById(db: Db, id: string) {
  return select(db).where('subscriptions.id', '=', id).executeTakeFirst();
}

/** Every subscription of the account, with or without an external id (the ops forms). */
export async function listOfAccount(db: Db, accountId: string) {
  return select(db)
    .where('subscriptions.account_id', '=', accountId)
    .orderBy('subscriptions.term_end')
    .orderBy('subscriptions.id')
    .execute();
}
