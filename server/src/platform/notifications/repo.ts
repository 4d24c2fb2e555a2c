// SQL for the e-mail outbox.

import type { TTimeKey } from '@portal/shared/schemas/ops-workspace';
import type { DbOrTx } from '../db/connection.ts';
import { olderThan } from '../db/keyset.ts';
import type { EmailOutboxTable } from '../db/schema.ts';

export type OutboxInsert = Omit<EmailOutboxTable, 'attempts'>;

/** Inserts unless an e-mail with the same dedupe key exists; returns whether it was inserted. */
export async function insertOutboxEmail(db: DbOrTx, row: OutboxInsert): Promise<boolean> {
  const result = await db
    .insertInto('email_outbox')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listOutbox(
  db: DbOrTx,
  filter: { to?: string; status?: string; limit: number; offset?: number },
) {
  let query = db
    .selectFrom('email_outbox')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset ?? 0);
  if (filter.to) query = query.where('to_address', '=', filter.to);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.execute();
}

/** E-mails whose dedupe key starts with `dedupePrefix:` in one of `statuses`. */
export async function countEmailsOfKey(
  db: DbOrTx,
  dedupePrefix: string,
  statuses: { in: readonly string[] } | { notIn: readonly string[] },
): Promise<number> {
  const row = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('dedupe_key', '>=', `${dedupePrefix}:`)
    .where('dedupe_key', '<', `${dedupePrefix};`)
    .where('status', 'in' in statuses ? 'in' : 'not in', 'in' in statuses ? statuses.in : statuses.notIn)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findOutboxEmail(db: DbOrTx, id: string) {
  return db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An account's e-mails, newest first, one keyset page (the ops timeline; the staff copy only). */
export async function listEmailsOfAccount(
  db: DbOrTx,
  accountId: string,
  after: TTimeKey | null,
  limit: number,
) {
  return db
    .selectFrom('email_outbox')
    .select(['id', 'created_at', 'template', 'subject', 'to_address', 'status'])
    .where('account_id', '=', accountId)
    .$if(after !== null, (q) => q.where((eb) => olderThan(eb, 'created_at', 'id', after as TTimeKey)))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
