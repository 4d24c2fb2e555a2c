// SQL for accounts and their users. Every function takes the account id: nothing here reads across accounts.

import type { DbOrTx } from '../db/connection.ts';

export async function findAccount(db: DbOrTx, accountId: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
}

export async function listAccountUsers(db: DbOrTx, accountId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'status', 'last_sign_in_at'])
    .where('account_id', '=', accountId)
    .orderBy('name')
    .execute();
}

export async function findAccountUser(db: DbOrTx, accountId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'status', 'last_sign_in_at'])
    .where('account_id', '=', accountId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function countActiveAdmins(db: DbOrTx, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('account_id', '=', accountId)
    .where('role', '=', 'customer_admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findUserIdByEmail(db: DbOrTx, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'account_id', 'status'])
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function insertUser(
  db: DbOrTx,
  user: {
    id: string;
    accountId: string;
    email: string;
    name: string;
    role: string;
    locale: string;
    nowIso: string;
  },
) {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      account_id: user.accountId,
      email: user.email,
      name: user.name,
      role: user.role,
      locale: user.locale,
      password_hash: null,
      status: 'invited',
      last_sign_in_at: null,
      created_at: user.nowIso,
      updated_at: user.nowIso,
    })
    .execute();
}

export async function updateUserRole(
  db: DbOrTx,
  accountId: string,
  userId: string,
  role: string,
  nowIso: string,
) {
  await db
    .updateTable('users')
    .set({ role, updated_at: nowIso })
    .where('account_id', '=', accountId)
    .where('id', '=', userId)
    .execute();
}

export async function deleteUser(db: DbOrTx, accountId: string, userId: string) {
  await db.deleteFrom('users').where('account_id', '=', accountId).where('id', '=', userId).execute();
}
