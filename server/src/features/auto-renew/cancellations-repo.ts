// SQL of consumer cancellations (decision 017): the cancellation rows, and the facts that decide the right —
// whether the running term began by an automatic renewal, and which notices went out before it.

import type { Insertable, Selectable } from 'kysely';
import type { ContractCancellationTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

type DbOrTx = DbOf<'contract_cancellations' | 'auto_renewals' | 'renewal_notices'>;

export type CancellationRow = Selectable<ContractCancellationTable>;

export async function findCancellation(db: DbOrTx, subscriptionId: string) {
  return db
    .selectFrom('contract_cancellations')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .executeTakeFirst();
}

/** False when the subscription already has one (the contract ends once). */
export async function insertCancellation(
  db: DbOrTx,
  row: Insertable<ContractCancellationTable>,
): Promise<boolean> {
  const result = await db
    .insertInto('contract_cancellations')
    .values(row)
    .onConflict((oc) => oc.column('subscription_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateCancellation(
  db: DbOrTx,
  id: string,
  values: { state: string; refund_error: string | null; refunds_json?: string; updated_at: string },
) {
  await db.updateTable('contract_cancellations').set(values).where('id', '=', id).execute();
}

export async function listUnfinishedCancellations(db: DbOrTx, limit: number) {
  return db
    .selectFrom('contract_cancellations')
    .selectAll()
    .where('state', 'in', ['refunding', 'refund_failed'])
    .limit(limit)
    .execute();
}

/** The automatic renewal that started a term beginning on `termStart` (it renewed the term ending then). */
export async function findAutomaticRenewalInto(db: DbOrTx, subscriptionId: string, termStart: string) {
  return db
    .selectFrom('auto_renewals')
    .select(['id', 'term_end'])
    .where('subscription_id', '=', subscriptionId)
    .where('term_end', '=', termStart)
    .where('state', '=', 'succeeded')
    .executeTakeFirst();
}

/** When each notice announcing the renewal of the term ending `termEnd` went out (first notices, consents). */
export async function listFirstNoticesSent(db: DbOrTx, subscriptionId: string, termEnd: string) {
  return db
    .selectFrom('renewal_notices')
    .select(['sent_at'])
    .where('subscription_id', '=', subscriptionId)
    .where('term_end', '=', termEnd)
    .where('status', '=', 'sent')
    .where('kind', 'in', ['advance', 'consent'])
    .execute();
}
