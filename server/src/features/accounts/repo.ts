// SQL for accounts, their invitations and (read only) their users. Every function takes the account id: nothing here reads across accounts.

import type { Insertable } from 'kysely';
import type { InvitationTable } from '../../platform/db/schema.ts';
import type { DbOf, ReadsOf } from '../../platform/db/slice.ts';

/** The feature's own tables. */
type Db = DbOf<'accounts' | 'invitations'>;
/** Account members are users, auth's table: read here, written through auth's service (decision 015). */
type Members = ReadsOf<'users'>;

export async function findAccount(db: Db, accountId: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
}

export async function listAccountUsers(db: Members, accountId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'status', 'last_sign_in_at'])
    .where('account_id', '=', accountId)
    .orderBy('name')
    .execute();
}

export async function findAccountUser(db: Members, accountId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'status', 'last_sign_in_at'])
    .where('account_id', '=', accountId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function countActiveAdmins(db: Members, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('account_id', '=', accountId)
    .where('role', '=', 'customer_admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findUserIdByEmail(db: Members, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'account_id', 'status'])
    .where('email', '=', email)
    .executeTakeFirst();
}

// Invitations: pending until the invitee signs up; they show in the account's list as "invited".

export type InvitationInsert = Insertable<InvitationTable>;

/** Inserts the invitation, or renews the pending one for the same account and address (new token, new expiry). */
export async function upsertInvitation(db: Db, row: InvitationInsert): Promise<string> {
  const saved = await db
    .insertInto('invitations')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['account_id', 'email']).doUpdateSet({
        name: row.name,
        role: row.role,
        token_hash: row.token_hash,
        expires_at: row.expires_at,
        wall_expires_at: row.wall_expires_at,
        invited_by: row.invited_by,
        created_at: row.created_at,
        ...(row.sent_at ? { sent_at: row.sent_at } : {}),
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return saved.id;
}

export async function listInvitations(db: Db, accountId: string) {
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'name', 'role', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('name')
    .execute();
}

export async function findInvitation(db: Db, accountId: string, invitationId: string) {
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'name', 'role', 'created_at'])
    .where('account_id', '=', accountId)
    .where('id', '=', invitationId)
    .executeTakeFirst();
}

/** The live invitation a token names: unexpired by the portal's clock and by real time. */
export async function findLiveInvitationByToken(
  db: Db,
  tokenHash: string,
  at: { nowIso: string; wallNowIso: string },
) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', at.nowIso)
    .where('wall_expires_at', '>', at.wallNowIso)
    .executeTakeFirst();
}

/** Takes the invitation (single use); false when another request took it first. */
export async function consumeInvitation(db: Db, id: string, tokenHash: string): Promise<boolean> {
  const result = await db
    .deleteFrom('invitations')
    .where('id', '=', id)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function updateInvitationRole(db: Db, accountId: string, id: string, role: string) {
  await db
    .updateTable('invitations')
    .set({ role })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteInvitation(db: Db, accountId: string, id: string) {
  await db.deleteFrom('invitations').where('account_id', '=', accountId).where('id', '=', id).execute();
}

// ---- billing details: the buyer on invoices and quotes, and the Stripe customer's address ----

const BILLING_COLUMNS = [
  'id',
  'name',
  'currency',
  'locale',
  'legal_name',
  'address_line1',
  'address_line2',
  'city',
  'postal_code',
  'region',
  'country',
  'tax_id',
  'billing_email',
  'stripe_customer_id',
  'customer_type',
] as const;

export type AccountBillingRow = NonNullable<Awaited<ReturnType<typeof findAccountBilling>>>;

export async function findAccountBilling(db: Db, accountId: string) {
  return db.selectFrom('accounts').select(BILLING_COLUMNS).where('id', '=', accountId).executeTakeFirst();
}
