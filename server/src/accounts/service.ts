// The account's people: list, invite (the link sets a password), change a role, remove. An account always
// keeps at least one active admin. Every change is audited in its own transaction.

import type { TAccountUser, TInviteRequest } from '@portal/shared/schemas/accounts';
import type { TCustomerRole } from '@portal/shared/schemas/auth';
import { recordAudit } from '../audit/service.ts';
import type { CustomerUser } from '../auth/guards.ts';
import { deleteSessionsOfUser, deleteUnusedTokensOfUser, insertAuthToken } from '../auth/repo.ts';
import { generateToken, hashToken } from '../auth/session.ts';
import type { DbOrTx } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { enqueueEmail } from '../notifications/service.ts';
import { renderInvitation } from '../notifications/templates/auth.ts';
import { asEmailLocale } from '../notifications/templates/types.ts';
import * as repo from './repo.ts';

const INVITATION_TTL_MS = 7 * 86_400_000;

export async function getAccountBrief(deps: AppDeps, accountId: string) {
  const account = await repo.findAccount(deps.db, accountId);
  if (!account) throw notFound('Account not found');
  return { id: account.id, name: account.name, currency: account.currency };
}

function toAccountUser(row: {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  last_sign_in_at: string | null;
}): TAccountUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as TCustomerRole,
    status: row.status === 'invited' ? 'invited' : 'active',
    lastSignInAt: row.last_sign_in_at,
  };
}

export async function listUsers(deps: AppDeps, accountId: string): Promise<TAccountUser[]> {
  return (await repo.listAccountUsers(deps.db, accountId)).map(toAccountUser);
}

/** Invites a colleague by e-mail; an address already in use (in any account) is a 409. */
export async function inviteUser(
  deps: AppDeps,
  actor: CustomerUser,
  input: TInviteRequest,
): Promise<TAccountUser> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const account = await repo.findAccount(deps.db, actor.accountId);
  if (!account) throw notFound('Account not found');
  const existing = await repo.findUserIdByEmail(deps.db, input.email);
  if (existing) {
    throw new AppError('conflict', 'Someone with this e-mail already has access to the portal.', {
      fields: { email: 'Already in use' },
    });
  }
  const userId = newId('usr');
  const token = generateToken();
  const locale = asEmailLocale(account.locale);
  await deps.db.transaction().execute(async (tx) => {
    await repo.insertUser(tx, {
      id: userId,
      accountId: account.id,
      email: input.email,
      name: input.name,
      role: input.role,
      locale,
      nowIso,
    });
    await insertAuthToken(tx, {
      id: hashToken(token),
      kind: 'invitation',
      userId,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
      createdAt: nowIso,
    });
    await enqueueEmail(
      tx,
      { now, isSmtpConfigured: Boolean(deps.config.smtpUrl) },
      {
        to: input.email,
        accountId: account.id,
        template: 'invitation',
        locale,
        content: renderInvitation(locale, {
          url: `${deps.config.publicUrl}/invitations/accept?token=${token}`,
          accountName: account.name,
          inviterName: actor.name,
          role: input.role,
        }),
      },
    );
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: account.id,
      entityType: 'user',
      entityId: userId,
      action: 'user.invited',
      after: { email: input.email, name: input.name, role: input.role },
      at: now,
    });
  });
  return {
    id: userId,
    email: input.email,
    name: input.name,
    role: input.role,
    status: 'invited',
    lastSignInAt: null,
  };
}

async function assertKeepsAnAdmin(db: DbOrTx, accountId: string, user: { role: string; status: string }) {
  if (user.role !== 'customer_admin' || user.status !== 'active') return;
  if ((await repo.countActiveAdmins(db, accountId)) <= 1) {
    throw new AppError(
      'rule_violated',
      'An account needs at least one admin. Make someone else an admin first.',
    );
  }
}

export async function changeRole(
  deps: AppDeps,
  actor: CustomerUser,
  userId: string,
  role: TCustomerRole,
): Promise<TAccountUser> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const user = await repo.findAccountUser(tx, actor.accountId, userId);
    if (!user) throw notFound('User not found');
    if (user.role === role) return toAccountUser(user);
    if (role !== 'customer_admin') await assertKeepsAnAdmin(tx, actor.accountId, user);
    await repo.updateUserRole(tx, actor.accountId, userId, role, now.toISOString());
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: actor.accountId,
      entityType: 'user',
      entityId: userId,
      action: 'user.role_changed',
      before: { role: user.role },
      after: { role },
      at: now,
    });
    return toAccountUser({ ...user, role });
  });
}

export async function removeUser(deps: AppDeps, actor: CustomerUser, userId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const user = await repo.findAccountUser(tx, actor.accountId, userId);
    if (!user) throw notFound('User not found');
    await assertKeepsAnAdmin(tx, actor.accountId, user);
    await deleteSessionsOfUser(tx, userId);
    await deleteUnusedTokensOfUser(tx, userId, 'invitation');
    await repo.deleteUser(tx, actor.accountId, userId);
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: actor.accountId,
      entityType: 'user',
      entityId: userId,
      action: 'user.removed',
      before: { email: user.email, name: user.name, role: user.role },
      at: now,
    });
  });
}
