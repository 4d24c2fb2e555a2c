// SQL of "let a renewal lapse" (decision 024): the decisions, one row each, standing while 'declined' (at most
// one per subscription: a partial UNIQUE index), and the run's batch read of the standing ones.

import { type Insertable, type Selectable, sql } from 'kysely';
import type { RenewalLapseTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

/** This file's table: SQL on any other does not compile (decision 015). */
type Db = DbOf<'renewal_lapses'>;

export type LapseRow = Selectable<RenewalLapseTable>;

/** The 'declined' decision of the subscription, whatever term it was about (at most one). */
export async function findDeclined(db: Db, subscriptionId: string) {
  return db
    .selectFrom('renewal_lapses')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('state', '=', 'declined')
    .executeTakeFirst();
}

/** False when the subscription already has a 'declined' decision (the UNIQUE index refused the row). */
export async function insertDeclined(db: Db, row: Insertable<RenewalLapseTable>): Promise<boolean> {
  const result = await db
    .insertInto('renewal_lapses')
    .values(row)
    .onConflict((oc) =>
      // The partial index's own predicate, as a literal (a bound parameter does not match it).
      oc.column('subscription_id').where('state', '=', sql.lit('declined')).doNothing(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Ends the 'declined' decision (undone by the admin, or cleared by a renewal); false if there was none. */
export async function endDeclined(
  db: Db,
  id: string,
  values: { state: 'undone' | 'cleared'; ended_by_label: string; ended_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('renewal_lapses')
    .set(values)
    .where('id', '=', id)
    .where('state', '=', 'declined')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Of these subscription-terms, the ones with a standing decision (`subscriptionId:termEnd`). */
export async function standingKeys(
  db: Db,
  terms: readonly { id: string; term_end: string }[],
): Promise<Set<string>> {
  if (terms.length === 0) return new Set();
  const rows = await db
    .selectFrom('renewal_lapses')
    .select(['subscription_id', 'term_end'])
    .where(
      'subscription_id',
      'in',
      terms.map((t) => t.id),
    )
    .where('state', '=', 'declined')
    .execute();
  return new Set(rows.map((r) => `${r.subscription_id}:${r.term_end}`));
}
