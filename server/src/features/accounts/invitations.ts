// Invitations. An admin invites an address; the answer is the same whether or not the address already has
// access elsewhere (another account, vendor staff), so nobody can probe who uses the portal. No user exists
// until the invitee accepts with a fresh sign-up (token + new password); an address already in use is refused
// then, to the invitee, who owns it. The token is e-mailed to the invitee only: staff see the e-mail with the
// link removed (notifications/service.ts), and a signed-in session cannot accept.

import type { TAccountUser, TInviteRequest } from '@portal/shared/schemas/accounts';
import type { TCustomerRole } from '@portal/shared/schemas/auth';
import type { TLocale } from '@portal/shared/schemas/common';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { assertStrongPassword } from '../../platform/auth/password-policy.ts';
import { realNow } from '../../platform/auth/wall-clock.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { enqueueEmail, outboxContext } from '../../platform/notifications/service.ts';
import { renderInvitation } from '../../platform/notifications/templates/auth.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import {
  assertUnderLimits,
  createSession,
  generateToken,
  hashToken,
  insertMemberUser,
  type NewSession,
  recordFailure,
  tokenLimits,
  toSessionUser,
} from '../auth/service.ts';
import * as repo from './repo.ts';

const INVITATION_TTL_MS = 7 * 86_400_000;
const INVITATION_PREFIX = 'inv_';

export const isInvitationId = (id: string) => id.startsWith(INVITATION_PREFIX);

export function invitationAsUser(row: {
  id: string;
  email: string;
  name: string;
  role: string;
}): TAccountUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as TCustomerRole,
    status: 'invited',
    lastSignInAt: null,
  };
}

/** Who invites: an admin of the account, or ops on its behalf (with a reason, decision 021). */
export type Inviter = Pick<CustomerUser, 'id' | 'accountId' | 'email' | 'name'>;

/** Invites a colleague by e-mail: 201 for any address not already in this account (inviting again renews). */
export async function inviteUser(
  deps: AppDeps,
  actor: Inviter,
  input: TInviteRequest,
  options: { reason?: string } = {},
): Promise<TAccountUser> {
  const now = deps.clock.now();
  const account = await repo.findAccount(deps.db, actor.accountId);
  if (!account) throw notFound('Account not found');
  const existing = await repo.findUserIdByEmail(deps.db, input.email);
  // Only a member of this very account is reported: the admin can see them in the list anyway.
  if (existing?.account_id === account.id) {
    throw new AppError('conflict', 'This person is already in your account.', {
      fields: { email: 'Already in your account' },
    });
  }
  const id = await deps.db.transaction().execute((tx) =>
    sendInvitation(tx, deps, now, {
      account,
      email: input.email,
      name: input.name,
      role: input.role,
      inviter: { userId: actor.id, name: actor.name, label: actor.email },
      reason: options.reason,
    }),
  );
  return invitationAsUser({ id, email: input.email, name: input.name, role: input.role });
}

/**
 * Writes (or renews) the invitation and queues its e-mail, in the caller's transaction, audited. The one path
 * that invites, for an admin's invitation and for a contact the vendor loads with `invite` (vendor-api).
 */
export async function sendInvitation(
  tx: DbOrTx,
  deps: AppDeps,
  now: Date,
  input: {
    account: { id: string; name: string; locale: string };
    email: string;
    name: string;
    role: TCustomerRole;
    inviter: { userId: string | null; name: string; label: string };
    /** Why ops invite on the account's behalf (audited). */
    reason?: string;
  },
): Promise<string> {
  const { account } = input;
  const token = generateToken();
  const locale = asEmailLocale(account.locale);
  const invitationId = await repo.upsertInvitation(tx, {
    id: newId('inv'),
    account_id: account.id,
    email: input.email,
    name: input.name,
    role: input.role,
    locale,
    token_hash: hashToken(token),
    expires_at: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
    wall_expires_at: new Date(realNow(deps.clock).getTime() + INVITATION_TTL_MS).toISOString(),
    invited_by: input.inviter.userId,
    created_at: now.toISOString(),
    sent_at: now.toISOString(),
  });
  const content = (url: string | null) =>
    renderInvitation(locale, {
      url,
      accountName: account.name,
      inviterName: input.inviter.name,
      role: input.role,
    });
  await enqueueEmail(tx, outboxContext(deps, now), {
    to: input.email,
    accountId: account.id,
    template: 'invitation',
    locale,
    content: content(`${deps.config.publicUrl}/invitations/accept?token=${token}`),
    staffCopy: content(null),
  });
  await recordAudit(tx, {
    actor: { userId: input.inviter.userId, label: input.inviter.label },
    accountId: account.id,
    entityType: 'invitation',
    entityId: invitationId,
    action: 'user.invited',
    after: { email: input.email, name: input.name, role: input.role },
    reason: input.reason,
    at: now,
  });
  return invitationId;
}

export async function changeInvitationRole(
  deps: AppDeps,
  actor: CustomerUser,
  invitationId: string,
  role: TCustomerRole,
): Promise<TAccountUser> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const invitation = await repo.findInvitation(tx, actor.accountId, invitationId);
    if (!invitation) throw notFound('User not found');
    if (invitation.role === role) return invitationAsUser(invitation);
    await repo.updateInvitationRole(tx, actor.accountId, invitationId, role);
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: actor.accountId,
      entityType: 'invitation',
      entityId: invitationId,
      action: 'user.role_changed',
      before: { role: invitation.role },
      after: { role },
      at: now,
    });
    return invitationAsUser({ ...invitation, role });
  });
}

export async function withdrawInvitation(deps: AppDeps, actor: CustomerUser, invitationId: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const invitation = await repo.findInvitation(tx, actor.accountId, invitationId);
    if (!invitation) throw notFound('User not found');
    await repo.deleteInvitation(tx, actor.accountId, invitationId);
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: actor.accountId,
      entityType: 'invitation',
      entityId: invitationId,
      action: 'user.removed',
      before: { email: invitation.email, name: invitation.name, role: invitation.role },
      at: now,
    });
  });
}

const expired = () =>
  new AppError('not_found', 'This invitation has expired or was already used. Ask for a new one.');

/**
 * The invitee's sign-up: a live token and a strong new password create the user and sign them in. Checked
 * in this order, so a wrong token costs no password hashing: signed in (refused), rate limit, token, address
 * free, password strength; then the invitation is taken once and the user created in one transaction.
 */
export async function acceptInvitation(
  deps: AppDeps,
  input: {
    token: string;
    password: string;
    locale?: TLocale;
    ip: string;
    userAgent: string | null;
    isSignedIn: boolean;
  },
): Promise<NewSession> {
  if (input.isSignedIn) {
    throw new AppError('conflict', 'Sign out first: an invitation is accepted by signing up as the invitee.');
  }
  await assertUnderLimits(deps, tokenLimits(input.ip));
  const tokenHash = hashToken(input.token);
  const now = deps.clock.now();
  const invitation = await repo.findLiveInvitationByToken(deps.db, tokenHash, {
    nowIso: now.toISOString(),
    wallNowIso: realNow(deps.clock).toISOString(),
  });
  if (!invitation) {
    await recordFailure(
      deps,
      tokenLimits(input.ip).map((l) => l.key),
    );
    throw expired();
  }
  if (await repo.findUserIdByEmail(deps.db, invitation.email)) {
    throw new AppError(
      'conflict',
      'This e-mail address already has access to the portal. Sign in with it, or ask to be invited with another address.',
    );
  }
  assertStrongPassword(input.password, [invitation.email, invitation.name]);
  const passwordHash = await hashPassword(input.password);
  const userId = newId('usr');
  const nowIso = now.toISOString();
  const user = await deps.db.transaction().execute(async (tx) => {
    if (!(await repo.consumeInvitation(tx, invitation.id, tokenHash))) return undefined;
    await insertMemberUser(tx, {
      id: userId,
      accountId: invitation.account_id,
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      locale: input.locale ?? invitation.locale,
      passwordHash,
      nowIso,
    });
    const created = await repo.findAccountUser(tx, invitation.account_id, userId);
    if (!created) throw new AppError('conflict', 'This e-mail address already has access to the portal.');
    await recordAudit(tx, {
      actor: { userId, label: invitation.email },
      accountId: invitation.account_id,
      entityType: 'user',
      entityId: userId,
      action: 'user.joined',
      after: { email: invitation.email, role: invitation.role, invitation: invitation.id },
      at: now,
    });
    return {
      id: userId,
      account_id: invitation.account_id,
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      locale: input.locale ?? invitation.locale,
    };
  });
  if (!user) throw expired();
  return createSession(deps, toSessionUser(user), input);
}
