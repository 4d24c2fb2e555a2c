// SQL of churn feedback and save offers. Customer reads carry the account id; deciding a save offer is a
// guarded update ('shown' → accepted or declined, once).

import type { Insertable, Selectable } from 'kysely';
import type { ChurnFeedbackTable, SaveOfferTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

/** This feature's tables: SQL on any other does not compile (decision 015). */
type Db = DbOf<'churn_feedback' | 'save_offers'>;

export type ChurnFeedbackRow = Selectable<ChurnFeedbackTable>;
export type SaveOfferRow = Selectable<SaveOfferTable>;

export async function insertFeedback(db: Db, row: Insertable<ChurnFeedbackTable>): Promise<void> {
  await db.insertInto('churn_feedback').values(row).execute();
}

export async function findFeedbackOfAccount(db: Db, accountId: string, subscriptionId: string, id: string) {
  return db
    .selectFrom('churn_feedback')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('subscription_id', '=', subscriptionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether a save offer was ever shown for the subscription (it is shown once). */
export async function hasShownOffer(db: Db, subscriptionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('churn_feedback')
    .select('id')
    .where('subscription_id', '=', subscriptionId)
    .where('offer_outcome', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function decideOffer(
  db: Db,
  id: string,
  outcome: 'accepted' | 'declined',
  quoteId: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable('churn_feedback')
    .set({ offer_outcome: outcome, quote_id: quoteId })
    .where('id', '=', id)
    .where('offer_outcome', '=', 'shown')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listSaveOffers(db: Db) {
  return db.selectFrom('save_offers').selectAll().orderBy('reason').execute();
}

export async function findActiveSaveOffer(db: Db, reason: string) {
  return db
    .selectFrom('save_offers')
    .selectAll()
    .where('reason', '=', reason)
    .where('is_active', '=', 1)
    .executeTakeFirst();
}

export async function replaceSaveOffers(db: Db, rows: Insertable<SaveOfferTable>[]): Promise<void> {
  await db.deleteFrom('save_offers').execute();
  if (rows.length) await db.insertInto('save_offers').values(rows).execute();
}

export async function countReasonsSince(db: Db, sinceIso: string) {
  return db
    .selectFrom('churn_feedback')
    .select(['reason', (eb) => eb.fn.countAll<number>().as('count')])
    .where('created_at', '>=', sinceIso)
    .groupBy('reason')
    .execute();
}

export async function countOffersSince(db: Db, sinceIso: string) {
  return db
    .selectFrom('churn_feedback')
    .select(['offer_outcome', (eb) => eb.fn.countAll<number>().as('count')])
    .where('created_at', '>=', sinceIso)
    .where('offer_outcome', 'is not', null)
    .groupBy('offer_outcome')
    .execute();
}

/** The latest reason given per subscription since a date (for the pipeline's risk signals). */
export async function latestReasons(db: Db, subscriptionIds: readonly string[], sinceIso: string) {
  if (subscriptionIds.length === 0) return [];
  return db
    .selectFrom('churn_feedback')
    .select(['subscription_id', 'reason', 'created_at'])
    .where('subscription_id', 'in', subscriptionIds)
    .where('created_at', '>=', sinceIso)
    .orderBy('created_at', 'desc')
    .execute();
}
