// SQL for accounts and contacts loaded by the vendor's systems (vendor-api, imports, ops): accounts by the
// vendor's external id, and an account's people (users and invitations) by e-mail.

import type { Insertable, Updateable } from 'kysely';
import { eachSlice, inSlices } from '../../platform/db/batches.ts';
import type { AccountTable, InvitationTable } from '../../platform/db/schema.ts';
import type { DbOf, ReadsOf } from '../../platform/db/slice.ts';

type Db = DbOf<'accounts' | 'invitations'>;
/** Users are auth's table: read here, written through auth's service (decision 015). */
type People = ReadsOf<'users' | 'invitations'>;

/** The accounts with these external ids; `lock`: their rows are locked for the transaction (PostgreSQL). */
export async function findAccountsByExternalId(
  db: Db,
  externalIds: readonly string[],
  options = { lock: true },
) {
  return eachSlice(externalIds, 1, (ids) => {
    const query = db.selectFrom('accounts').selectAll().where('external_id', 'in', ids);
    return (options.lock ? query.forUpdate() : query).execute();
  });
}

export async function findAccountById(db: Db, accountId: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
}

export async function findAccountsById(db: Db, accountIds: readonly string[]) {
  if (!accountIds.length) return [];
  return db.selectFrom('accounts').selectAll().where('id', 'in', accountIds).execute();
}

/**
 * Inserts the accounts, skipping any whose external id exists; returns how many were inserted (a skipped one
 * was inserted by a concurrent transaction since the caller looked: PostgreSQL reports a serialization
 * failure first, SQLite has one writer, so callers treat fewer as an error).
 */
export async function insertAccountsIfAbsent(db: Db, rows: readonly Insertable<AccountTable>[]) {
  const inserted = await eachSlice(rows, 19, (slice) =>
    db
      .insertInto('accounts')
      .values(slice)
      .onConflict((oc) => oc.column('external_id').doNothing())
      .returning('id')
      .execute(),
  );
  return inserted.length;
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

export async function findUsersByEmail(db: People, emails: readonly string[]) {
  return eachSlice(emails, 1, (slice) =>
    db
      .selectFrom('users')
      .select(['id', 'account_id', 'email', 'name', 'role', 'status'])
      .where('email', 'in', slice)
      .execute(),
  );
}

/**
 * The invitations of these accounts and addresses (a superset when several pairs are asked: the caller keys
 * them by account and address). Both columns in the condition, so the (account_id, email) index serves it.
 */
export async function findInvitations(db: Db, pairs: readonly { accountId: string; email: string }[]) {
  return eachSlice(pairs, 2, (slice) =>
    db
      .selectFrom('invitations')
      .select(['id', 'account_id', 'email', 'name', 'role', 'sent_at'])
      .where('account_id', 'in', [...new Set(slice.map((p) => p.accountId))])
      .where('email', 'in', [...new Set(slice.map((p) => p.email))])
      .execute(),
  );
}

export async function insertInvitations(db: Db, rows: readonly Insertable<InvitationTable>[]) {
  for (const slice of inSlices(rows, 12)) await db.insertInto('invitations').values(slice).execute();
}

export async function updateInvitationNameAndRole(
  db: Db,
  invitationId: string,
  values: { name: string; role: string },
) {
  await db.updateTable('invitations').set(values).where('id', '=', invitationId).execute();
}

export async function listContacts(db: People, accountId: string) {
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
