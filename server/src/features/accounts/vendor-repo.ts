// SQL for accounts and contacts loaded by the vendor's systems (vendor-api, imports, ops): accounts by the
// vendor's external id, and an account's people (users and invitations) by e-mail.

import type { Insertable, Updateable } from 'kysely';
import type { AccountTable, InvitationTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

type Db = DbOf<'accounts' | 'users' | 'invitations'>;

/** The account with this external id, locked for the rest of the transaction (PostgreSQL). */
export async function findAccountByExternalId(db: Db, externalId: string, options = { lock: true }) {
  const query = db.selectFrom('accounts').selectAll().where('external_id', '=', externalId);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function findAccountById(db: Db, accountId: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
}

export async function findAccountsById(db: Db, accountIds: readonly string[]) {
  if (!accountIds.length) return [];
  return db.selectFrom('accounts').selectAll().where('id', 'in', accountIds).execute();
}

/** Inserts the account unless one with its external id exists (then: false, and nothing changes). */
export async function insertAccountIfAbsent(db: Db, row: Insertable<AccountTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('accounts')
    .values(row)
    .onConflict((oc) => oc.column('external_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateAccount(db: Db, accountId: string, values: Updateable<AccountTable>) {
  await db.updateTable('accounts').set(values).where('id', '=', accountId).execute();
}

/** Accounts with an external id, in external-id order, after the cursor's id. */
export async function listAccountsByExternalId(db: Db, input: { after?: string; limit: number }) {
  let query = db.selectFrom('accounts').selectAll().where('external_id', 'is not', null);
  if (input.after !== undefined) query = query.where('external_id', '>', input.after);
  return query.orderBy('external_id').limit(input.limit).execute();
}

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'account_id', 'email', 'name', 'role', 'status'])
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function updateUserNameAndRole(
  db: Db,
  userId: string,
  values: { name: string; role: string; nowIso: string },
) {
  await db
    .updateTable('users')
    .set({ name: values.name, role: values.role, updated_at: values.nowIso })
    .where('id', '=', userId)
    .execute();
}

export async function findInvitationByEmail(db: Db, accountId: string, email: string) {
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'name', 'role', 'sent_at'])
    .where('account_id', '=', accountId)
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function insertInvitation(db: Db, row: Insertable<InvitationTable>) {
  await db.insertInto('invitations').values(row).execute();
}

export async function updateInvitationNameAndRole(
  db: Db,
  invitationId: string,
  values: { name: string; role: string },
) {
  await db.updateTable('invitations').set(values).where('id', '=', invitationId).execute();
}

export async function listContacts(db: Db, accountId: string) {
  const [users, invitations] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role'])
      .where('account_id', '=', accountId)
      .orderBy('email')
      .execute(),
    db
      .selectFrom('invitations')
      .select(['id', 'email', 'name', 'role', 'sent_at'])
      .where('account_id', '=', accountId)
      .orderBy('email')
      .execute(),
  ]);
  return { users, invitations };
}
