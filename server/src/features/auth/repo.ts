// SQL for sessions, one-time tokens and failed sign-in attempts.

import { preparedQuery } from '../../platform/db/prepared.ts';
import type { DbOf } from '../../platform/db/slice.ts';

type Db = DbOf<'auth_failures' | 'auth_tokens' | 'sessions' | 'users'>;

export type UserRow = {
  id: string;
  account_id: string | null;
  email: string;
  name: string;
  role: string;
  locale: string;
  password_hash: string | null;
  status: string;
};

const USER_COLUMNS = [
  'id',
  'account_id',
  'email',
  'name',
  'role',
  'locale',
  'password_hash',
  'status',
] as const;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function insertSession(
  db: Db,
  session: {
    id: string;
    userId: string;
    expiresAt: string;
    createdAt: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      expires_at: session.expiresAt,
      created_at: session.createdAt,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

/** Every /api request with a cookie asks this: compiled once (platform/db/prepared.ts, decision 022). */
const sessionWithUser = preparedQuery((db, p: { sessionId: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.expires_at as expiresAt',
      'sessions.created_at as createdAt',
      'sessions.view_as_account_id as viewAsAccountId',
      'sessions.view_as_until as viewAsUntil',
      'users.id as userId',
      'users.account_id as accountId',
      'users.email',
      'users.name',
      'users.role',
      'users.locale',
      'users.status',
    ])
    .where('sessions.id', '=', p.sessionId),
);

export async function findSessionWithUser(db: Db, sessionId: string) {
  return sessionWithUser.first(db, { sessionId });
}

/** Starts (an account and an instant) or ends (null) a session's read-only view as a customer (decision 021). */
export async function setSessionViewAs(
  db: Db,
  sessionId: string,
  viewAs: { accountId: string; until: string } | null,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ view_as_account_id: viewAs?.accountId ?? null, view_as_until: viewAs?.until ?? null })
    .where('id', '=', sessionId)
    .execute();
}

export async function updateSessionExpiry(db: Db, sessionId: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertAuthToken(
  db: Db,
  token: {
    id: string;
    kind: string;
    userId: string;
    expiresAt: string;
    wallExpiresAt: string;
    createdAt: string;
  },
): Promise<void> {
  await db
    .insertInto('auth_tokens')
    .values({
      id: token.id,
      kind: token.kind,
      user_id: token.userId,
      expires_at: token.expiresAt,
      wall_expires_at: token.wallExpiresAt,
      created_at: token.createdAt,
      used_at: null,
    })
    .execute();
}

/**
 * Marks an unused, unexpired token used and returns its user; a second use or an expired token returns
 * nothing. Expired means by the portal's (demo) clock or by real time, whichever comes first.
 */
export async function consumeAuthToken(
  db: Db,
  tokenId: string,
  kind: string,
  at: { nowIso: string; wallNowIso: string },
): Promise<string | undefined> {
  const row = await db
    .updateTable('auth_tokens')
    .set({ used_at: at.nowIso })
    .where('id', '=', tokenId)
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at.nowIso)
    .where((eb) => eb.or([eb('wall_expires_at', 'is', null), eb('wall_expires_at', '>', at.wallNowIso)]))
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

export async function deleteUnusedTokensOfUser(db: Db, userId: string, kind: string): Promise<void> {
  await db
    .deleteFrom('auth_tokens')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .execute();
}

export async function countFailuresSince(db: Db, keys: string[], sinceIso: string) {
  return db
    .selectFrom('auth_failures')
    .select(['key', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.min('at').as('oldest')])
    .where('key', 'in', keys)
    .where('at', '>', sinceIso)
    .groupBy('key')
    .execute();
}

export async function insertFailures(db: Db, keys: string[], atIso: string): Promise<void> {
  await db
    .insertInto('auth_failures')
    .values(keys.map((key) => ({ key, at: atIso })))
    .execute();
}

export async function deleteFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('auth_failures').where('key', '=', key).execute();
}

export async function deleteFailuresBefore(db: Db, beforeIso: string): Promise<void> {
  await db.deleteFrom('auth_failures').where('at', '<=', beforeIso).execute();
}

export async function markSignedIn(db: Db, userId: string, atIso: string): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: atIso }).where('id', '=', userId).execute();
}

export async function setUserPassword(db: Db, userId: string, passwordHash: string, nowIso: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, status: 'active', updated_at: nowIso })
    .where('id', '=', userId)
    .execute();
}

export async function setUserLocale(db: Db, userId: string, locale: string, nowIso: string) {
  await db.updateTable('users').set({ locale, updated_at: nowIso }).where('id', '=', userId).execute();
}

/** Active staff of a role (e.g. ops), for e-mails about the portal itself. */
export async function listActiveStaff(db: Db, role: 'ops' | 'finance'): Promise<UserRow[]> {
  return db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('role', '=', role)
    .where('account_id', 'is', null)
    .where('status', '=', 'active')
    .orderBy('email')
    .execute();
}

export async function insertStaffUser(
  db: Db,
  user: {
    id: string;
    email: string;
    name: string;
    role: 'ops' | 'finance';
    passwordHash: string;
    nowIso: string;
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      account_id: null,
      email: user.email,
      name: user.name,
      role: user.role,
      locale: 'en',
      password_hash: user.passwordHash,
      status: 'active',
      last_sign_in_at: null,
      created_at: user.nowIso,
      updated_at: user.nowIso,
    })
    .execute();
}

/** Moves every session's expiry and start by `deltaMs`, so sessions keep the lifetime (sliding and absolute)
 * they had left. */
export async function shiftSessionTimes(db: Db, deltaMs: number): Promise<number> {
  if (deltaMs === 0) return 0;
  const sessions = await db.selectFrom('sessions').select(['id', 'expires_at', 'created_at']).execute();
  const shift = (iso: string) => new Date(new Date(iso).getTime() + deltaMs).toISOString();
  for (const session of sessions) {
    await db
      .updateTable('sessions')
      .set({ expires_at: shift(session.expires_at), created_at: shift(session.created_at) })
      .where('id', '=', session.id)
      .execute();
  }
  return sessions.length;
}

// ---- account members' user rows, written for accounts (membership) through auth's service ----

export async function updateMemberRole(
  db: Db,
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

export async function deleteMemberUser(db: Db, accountId: string, userId: string) {
  await db.deleteFrom('users').where('account_id', '=', accountId).where('id', '=', userId).execute();
}

export async function insertMemberUser(
  db: Db,
  user: {
    id: string;
    accountId: string;
    email: string;
    name: string;
    role: string;
    locale: string;
    passwordHash: string;
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
      password_hash: user.passwordHash,
      status: 'active',
      last_sign_in_at: null,
      created_at: user.nowIso,
      updated_at: user.nowIso,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}

export async function updateMemberNameAndRole(
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
