// SQL for subscriptions loaded by the vendor's systems: by the vendor's external id.

import type { Insertable, Updateable } from 'kysely';
import type { SubscriptionTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

type Db = DbOf<'subscriptions' | 'plans'>;

const COLUMNS = [
  'subscriptions.id',
  'subscriptions.external_id',
  'subscriptions.account_id',
  'subscriptions.plan_id',
  'plans.code as plan_code',
  'subscriptions.label',
  'subscriptions.seats',
  'subscriptions.currency',
  'subscriptions.unit_price_minor',
  'subscriptions.term_start',
  'subscriptions.term_end',
  'subscriptions.cancelled_at',
  'subscriptions.auto_renew_enabled',
  'subscriptions.auto_renew_elsewhere',
  'subscriptions.created_at',
  'subscriptions.updated_at',
] as const;

function select(db: Db) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .select(COLUMNS);
}

export type VendorSubscriptionRow = NonNullable<Awaited<ReturnType<typeof findByExternalId>>>;

/** The subscription with this external id; `lock`: its row is locked for the transaction (PostgreSQL). */
export async function findByExternalId(db: Db, externalId: string, options = { lock: true }) {
  const query = select(db).where('subscriptions.external_id', '=', externalId);
  return (options.lock ? query.forUpdate('subscriptions') : query).executeTakeFirst();
}

/** Inserts the subscription unless one with its external id exists (then: false, nothing changes). */
export async function insertIfAbsent(db: Db, row: Insertable<SubscriptionTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('subscriptions')
    .values(row)
    .onConflict((oc) => oc.column('external_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
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
