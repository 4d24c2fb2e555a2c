// Sign-in, sessions and magic links. Every answer to a wrong e-mail/password pair is the same, whether or not
// the e-mail exists; failures are limited per address and per e-mail-and-address pair, and only slowed down
// for the e-mail alone (limits.ts), so nobody can lock another person out.

import type { TLocale } from '@portal/shared/schemas/common';
import { verifyAgainstDummy, verifyPassword } from '../../platform/auth/password.ts';
import {
  generateToken,
  hashToken,
  isPastAbsoluteLifetime,
  sessionExpiry,
  shouldExtend,
} from '../../platform/auth/session.ts';
import { realNow } from '../../platform/auth/wall-clock.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueueEmail, outboxContext } from '../../platform/notifications/service.ts';
import { renderMagicLink } from '../../platform/notifications/templates/auth.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import {
  assertUnderLimits,
  emailDelayMs,
  emailFailureCount,
  emailKey,
  FAILURE_WINDOW_MS,
  recordFailure,
  signInLimits,
  tokenLimits,
} from './limits.ts';
import * as repo from './repo.ts';

// What other features use of sign-in: the limits (invitations share them), the session cookie, and the clean-up
// of a removed user's sessions and tokens.
export { assertUnderLimits, recordFailure, tokenLimits } from './limits.ts';
// Auth owns `users`; accounts manages membership (roles, removal, invitations accepted, contacts imported) through these.
export {
  deleteMemberUser,
  deleteSessionsOfUser,
  deleteUnusedTokensOfUser,
  findUserById,
  insertMemberUser,
  listActiveStaff,
  setSessionViewAs,
  updateMemberNameAndRole,
  updateMemberRole,
} from './repo.ts';
export { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
export { createStaffUser, type NewStaffUser } from './staff.ts';

export const MAGIC_LINK_TTL_MINUTES = 15;
/** Magic-link requests per e-mail and per address in the window (over it they are dropped silently). */
export const MAGIC_LINK_REQUESTS = 5;

export type NewSession = { token: string; expiresAt: Date; user: SessionUser };
type ClientInfo = { ip: string; userAgent: string | null };

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
  const expiresAt = sessionExpiry(now, deps.config.sessionTtlDays, now, deps.config.sessionMaxDays);
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Checks an e-mail/password pair; 401 for any wrong pair; 429 past the per-address or per-pair limit. */
export async function signIn(
  deps: AppDeps,
  input: { email: string; password: string } & ClientInfo,
): Promise<NewSession> {
  const limits = signInLimits(input.email, input.ip);
  await assertUnderLimits(deps, limits);
  // Many failures for this e-mail from anywhere: slowed down, not refused (the owner still gets in).
  const delay = emailDelayMs(await emailFailureCount(deps, input.email));
  if (delay > 0) await sleep(delay);
  const user = await repo.findUserByEmail(deps.db, input.email);
  const isValid =
    user?.password_hash && user.status === 'active'
      ? await verifyPassword(user.password_hash, input.password)
      : await verifyAgainstDummy(input.password);
  if (!user || !isValid) {
    await recordFailure(deps, [...limits.map((l) => l.key), emailKey(input.email)]);
    throw new AppError('invalid_credentials', 'The e-mail or password is not right.');
  }
  await repo.deleteFailures(deps.db, emailKey(input.email));
  await repo.deleteFailures(deps.db, limits[0]?.key ?? '');
  return createSession(deps, toSessionUser(user), input);
}

/** An ops session's read-only view of one account as its customers see it, until `until` (decision 021). */
export type SessionViewAs = { accountId: string; until: string };

export type ValidatedSession = {
  user: SessionUser;
  sessionId: string;
  extendedTo: Date | null;
  viewAs: SessionViewAs | null;
};

/** Resolves a cookie token to its user; expired sessions are deleted; the expiry slides when half used. */
export async function validateSessionToken(deps: AppDeps, token: string): Promise<ValidatedSession | null> {
  const sessionId = hashToken(token);
  const row = await repo.findSessionWithUser(deps.db, sessionId);
  if (!row) return null;
  const now = deps.clock.now();
  const expiresAt = new Date(row.expiresAt);
  const createdAt = new Date(row.createdAt);
  if (
    expiresAt <= now ||
    row.status !== 'active' ||
    isPastAbsoluteLifetime(createdAt, now, deps.config.sessionMaxDays)
  ) {
    await repo.deleteSession(deps.db, sessionId);
    return null;
  }
  let extendedTo: Date | null = null;
  if (shouldExtend(expiresAt, now, deps.config.sessionTtlDays)) {
    const next = sessionExpiry(now, deps.config.sessionTtlDays, createdAt, deps.config.sessionMaxDays);
    if (next > expiresAt) {
      extendedTo = next;
      await repo.updateSessionExpiry(deps.db, sessionId, extendedTo.toISOString());
    }
  }
  const user = toSessionUser({
    id: row.userId,
    account_id: row.accountId,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
  });
  // Only ops may view as a customer, and only until the instant set when it started.
  const viewAs =
    user.role === 'ops' && row.viewAsAccountId && row.viewAsUntil && new Date(row.viewAsUntil) > now
      ? { accountId: row.viewAsAccountId, until: row.viewAsUntil }
      : null;
  return { user, sessionId, extendedTo, viewAs };
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
  if (counts.some((row) => Number(row.count) >= MAGIC_LINK_REQUESTS)) {
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
      wallExpiresAt: new Date(realNow(deps.clock).getTime() + MAGIC_LINK_TTL_MINUTES * 60_000).toISOString(),
      createdAt: now.toISOString(),
    });
    const url = `${deps.config.publicUrl}/sign-in/magic?token=${token}`;
    await enqueueEmail(tx, outboxContext(deps, now), {
      to: user.email,
      accountId: user.account_id,
      template: 'magic_link',
      locale,
      content: renderMagicLink(locale, { url, minutes: MAGIC_LINK_TTL_MINUTES }),
      staffCopy: renderMagicLink(locale, { url: null, minutes: MAGIC_LINK_TTL_MINUTES }),
    });
  });
}

/** Exchanges a magic-link token for a session, once. */
export async function signInWithMagicLink(
  deps: AppDeps,
  input: { token: string } & ClientInfo,
): Promise<NewSession> {
  await assertUnderLimits(deps, tokenLimits(input.ip));
  const userId = await repo.consumeAuthToken(deps.db, hashToken(input.token), 'magic_link', {
    nowIso: deps.clock.now().toISOString(),
    wallNowIso: realNow(deps.clock).toISOString(),
  });
  const user = userId ? await repo.findUserById(deps.db, userId) : undefined;
  if (user?.status !== 'active') {
    await recordFailure(
      deps,
      tokenLimits(input.ip).map((l) => l.key),
    );
    throw new AppError(
      'invalid_credentials',
      'This sign-in link has expired or was already used. Ask for a new one.',
    );
  }
  return createSession(deps, toSessionUser(user), input);
}

export async function setLocale(deps: AppDeps, userId: string, locale: TLocale): Promise<void> {
  await repo.setUserLocale(deps.db, userId, locale, deps.clock.now().toISOString());
}

/** Housekeeping for the scheduler: expired sessions and old failure counts. */
/** Moves every session's start and expiry by `deltaMs` (the demo clock's jump; inside its transaction). */
export async function shiftSessionTimes(db: DbOrTx, deltaMs: number): Promise<number> {
  return repo.shiftSessionTimes(db, deltaMs);
}

export async function purgeExpiredAuthState(deps: AppDeps): Promise<void> {
  const now = deps.clock.now();
  await repo.deleteExpiredSessions(deps.db, now.toISOString());
  await repo.deleteFailuresBefore(deps.db, new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString());
}

export { createSession, generateToken, hashToken, toSessionUser };
