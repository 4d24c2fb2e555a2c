// Sign-in, sessions, magic links and invitation acceptance. Every answer to a wrong e-mail/password pair is
// the same, whether or not the e-mail exists; failures are counted per e-mail and per IP.

import type { TLocale } from '@portal/shared/schemas/common';
import type { AppDeps, SessionUser } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { enqueueEmail } from '../notifications/service.ts';
import { renderMagicLink } from '../notifications/templates/auth.ts';
import { asEmailLocale } from '../notifications/templates/types.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.ts';
import * as repo from './repo.ts';
import { generateToken, hashToken, sessionExpiry, shouldExtend } from './session.ts';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const MAGIC_LINK_TTL_MINUTES = 15;
export const INVITATION_TTL_DAYS = 7;

export type NewSession = { token: string; expiresAt: Date; user: SessionUser };
type ClientInfo = { ip: string; userAgent: string | null };

const emailKey = (email: string) => `email:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;

async function assertNotRateLimited(deps: AppDeps, keys: string[]): Promise<void> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString();
  const counts = await repo.countFailuresSince(deps.db, keys, since);
  const blocking = counts.filter((row) => Number(row.count) >= MAX_FAILURES);
  if (blocking.length === 0) return;
  const oldest = Math.min(...blocking.map((row) => new Date(String(row.oldest)).getTime()));
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + FAILURE_WINDOW_MS - now.getTime()) / 1000));
  throw new AppError('rate_limited', 'Too many attempts. Try again in a few minutes.', {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

function toSessionUser(row: {
  id: string;
  account_id: string | null;
  email: string;
  name: string;
  role: string;
  locale: string;
}): SessionUser {
  return {
    id: row.id,
    accountId: row.account_id,
    email: row.email,
    name: row.name,
    role: row.role as SessionUser['role'],
    locale: asEmailLocale(row.locale),
  };
}

async function createSession(deps: AppDeps, user: SessionUser, client: ClientInfo): Promise<NewSession> {
  const token = generateToken();
  const now = deps.clock.now();
  const expiresAt = sessionExpiry(now, deps.config.sessionTtlDays);
  await deps.db.transaction().execute(async (tx) => {
    await repo.insertSession(tx, {
      id: hashToken(token),
      userId: user.id,
      expiresAt: expiresAt.toISOString(),
      createdAt: now.toISOString(),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    await repo.markSignedIn(tx, user.id, now.toISOString());
  });
  return { token, expiresAt, user };
}

/** Checks an e-mail/password pair; 401 for any wrong pair, 429 after too many failures (per e-mail and per IP). */
export async function signIn(
  deps: AppDeps,
  input: { email: string; password: string } & ClientInfo,
): Promise<NewSession> {
  const keys = [emailKey(input.email), ipKey(input.ip)];
  await assertNotRateLimited(deps, keys);
  const user = await repo.findUserByEmail(deps.db, input.email);
  const isValid =
    user?.password_hash && user.status === 'active'
      ? await verifyPassword(user.password_hash, input.password)
      : await verifyAgainstDummy(input.password);
  if (!user || !isValid) {
    await repo.insertFailures(deps.db, keys, deps.clock.now().toISOString());
    throw new AppError('invalid_credentials', 'The e-mail or password is not right.');
  }
  await repo.deleteFailures(deps.db, emailKey(input.email));
  return createSession(deps, toSessionUser(user), input);
}

export type ValidatedSession = { user: SessionUser; sessionId: string; extendedTo: Date | null };

/** Resolves a cookie token to its user; expired sessions are deleted; the expiry slides when half used. */
export async function validateSessionToken(deps: AppDeps, token: string): Promise<ValidatedSession | null> {
  const sessionId = hashToken(token);
  const row = await repo.findSessionWithUser(deps.db, sessionId);
  if (!row) return null;
  const now = deps.clock.now();
  const expiresAt = new Date(row.expiresAt);
  if (expiresAt <= now || row.status !== 'active') {
    await repo.deleteSession(deps.db, sessionId);
    return null;
  }
  let extendedTo: Date | null = null;
  if (shouldExtend(expiresAt, now, deps.config.sessionTtlDays)) {
    extendedTo = sessionExpiry(now, deps.config.sessionTtlDays);
    await repo.updateSessionExpiry(deps.db, sessionId, extendedTo.toISOString());
  }
  const user = toSessionUser({
    id: row.userId,
    account_id: row.accountId,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
  });
  return { user, sessionId, extendedTo };
}

export async function signOut(deps: AppDeps, sessionId: string): Promise<void> {
  await repo.deleteSession(deps.db, sessionId);
}

/**
 * E-mails a single-use sign-in link valid for 15 minutes when the e-mail belongs to an active user. Always
 * resolves the same way, so the caller answers 202 whether or not the address is known; requests past the
 * rate limit are dropped silently for the same reason.
 */
export async function requestMagicLink(deps: AppDeps, input: { email: string; ip: string }): Promise<void> {
  const keys = [`magic:${input.email}`, `magic-ip:${input.ip}`];
  const now = deps.clock.now();
  const counts = await repo.countFailuresSince(
    deps.db,
    keys,
    new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString(),
  );
  if (counts.some((row) => Number(row.count) >= MAX_FAILURES)) {
    deps.logger.warn({ ip: input.ip }, 'magic link requests rate-limited');
    return;
  }
  await repo.insertFailures(deps.db, keys, now.toISOString());
  const user = await repo.findUserByEmail(deps.db, input.email);
  if (user?.status !== 'active') return;
  const token = generateToken();
  const locale = asEmailLocale(user.locale);
  await deps.db.transaction().execute(async (tx) => {
    await repo.insertAuthToken(tx, {
      id: hashToken(token),
      kind: 'magic_link',
      userId: user.id,
      expiresAt: new Date(now.getTime() + MAGIC_LINK_TTL_MINUTES * 60_000).toISOString(),
      createdAt: now.toISOString(),
    });
    await enqueueEmail(
      tx,
      { now, isSmtpConfigured: Boolean(deps.config.smtpUrl) },
      {
        to: user.email,
        accountId: user.account_id,
        template: 'magic_link',
        locale,
        content: renderMagicLink(locale, {
          url: `${deps.config.publicUrl}/sign-in/magic?token=${token}`,
          minutes: MAGIC_LINK_TTL_MINUTES,
        }),
      },
    );
  });
}

/** Exchanges a magic-link token for a session, once. */
export async function signInWithMagicLink(
  deps: AppDeps,
  input: { token: string } & ClientInfo,
): Promise<NewSession> {
  const userId = await repo.consumeAuthToken(
    deps.db,
    hashToken(input.token),
    'magic_link',
    deps.clock.now().toISOString(),
  );
  const user = userId ? await repo.findUserById(deps.db, userId) : undefined;
  if (user?.status !== 'active') {
    throw new AppError(
      'invalid_credentials',
      'This sign-in link has expired or was already used. Ask for a new one.',
    );
  }
  return createSession(deps, toSessionUser(user), input);
}

/** Sets the invited user's password (the invitation token is single-use) and signs them in. */
export async function acceptInvitation(
  deps: AppDeps,
  input: { token: string; password: string; locale?: TLocale } & ClientInfo,
): Promise<NewSession> {
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.password);
  const user = await deps.db.transaction().execute(async (tx) => {
    const userId = await repo.consumeAuthToken(tx, hashToken(input.token), 'invitation', now.toISOString());
    if (!userId) return undefined;
    await repo.setUserPassword(tx, userId, passwordHash, now.toISOString());
    if (input.locale) await repo.setUserLocale(tx, userId, input.locale, now.toISOString());
    return repo.findUserById(tx, userId);
  });
  if (!user)
    throw new AppError('not_found', 'This invitation has expired or was already used. Ask for a new one.');
  return createSession(deps, toSessionUser(user), input);
}

export async function setLocale(deps: AppDeps, userId: string, locale: TLocale): Promise<void> {
  await repo.setUserLocale(deps.db, userId, locale, deps.clock.now().toISOString());
}

/** Housekeeping for the scheduler: expired sessions and old failure counts. */
export async function purgeExpiredAuthState(deps: AppDeps): Promise<void> {
  const now = deps.clock.now();
  await repo.deleteExpiredSessions(deps.db, now.toISOString());
  await repo.deleteFailuresBefore(deps.db, new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString());
}

export { generateToken, hashToken };
