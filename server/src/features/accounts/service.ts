// The account's people: list, invite (invitations.ts), change a role, remove. An account always keeps at least
// one active admin. Every change is audited in its own transaction. Pending invitations are listed as
// "invited" people; their ids start with `inv_`.

import type { TAccountUser } from '@portal/shared/schemas/accounts';
import type { TCustomerRole } from '@portal/shared/schemas/auth';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import {
  deleteMemberUser,
  deleteSessionsOfUser,
  deleteUnusedTokensOfUser,
  updateMemberRole,
} from '../auth/service.ts';
import * as contactSearch from './contact-search.ts';
import { changeInvitationRole, invitationAsUser, isInvitationId, withdrawInvitation } from './invitations.ts';
import * as repo from './repo.ts';

export { type AccountBillingRow, buyerParty, currentBuyer, findAccountBilling } from './billing.ts';
export type { ContactAccountIdQuery } from './contact-search.ts';
export { assignAccountExternalId } from './external-ids.ts';
export { type Inviter, inviteUser } from './invitations.ts';
export {
  clearStripeCustomerId,
  findAccountByStripeCustomer,
  findDefaultPaymentMethodId,
  findRemindersMuted,
  setDefaultPaymentMethod,
  setRemindersMuted as setAccountRemindersMuted,
  setStripeCustomerId,
  updateAccountBilling,
} from './payment-profile-repo.ts';

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
  const [users, invitations] = await Promise.all([
    repo.listAccountUsers(deps.db, accountId),
    repo.listInvitations(deps.db, accountId),
  ]);
  return [...users.map(toAccountUser), ...invitations.map(invitationAsUser)].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

/** Who hears about an account's money and renewals: its active admins and its billing e-mail, each once. */
export async function billingContacts(
  deps: AppDeps,
  account: { id: string; billingEmail: string | null },
): Promise<string[]> {
  const users = await listUsers(deps, account.id);
  const addresses = users
    .filter((u) => u.role === 'customer_admin' && u.status === 'active')
    .map((u) => u.email.toLowerCase());
  if (account.billingEmail) addresses.push(account.billingEmail.toLowerCase());
  return [...new Set(addresses)];
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
  if (isInvitationId(userId)) return changeInvitationRole(deps, actor, userId, role);
  return deps.db.transaction().execute(async (tx) => {
    const user = await repo.findAccountUser(tx, actor.accountId, userId);
    if (!user) throw notFound('User not found');
    if (user.role === role) return toAccountUser(user);
    if (role !== 'customer_admin') await assertKeepsAnAdmin(tx, actor.accountId, user);
    await updateMemberRole(tx, actor.accountId, userId, role, now.toISOString());
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
  if (isInvitationId(userId)) return withdrawInvitation(deps, actor, userId);
  await deps.db.transaction().execute(async (tx) => {
    const user = await repo.findAccountUser(tx, actor.accountId, userId);
    if (!user) throw notFound('User not found');
    await assertKeepsAnAdmin(tx, actor.accountId, user);
    await deleteSessionsOfUser(tx, userId);
    await deleteUnusedTokensOfUser(tx, userId, 'magic_link');
    await deleteMemberUser(tx, actor.accountId, userId);
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

// Accounts and contacts loaded by the vendor's systems (vendor-api, imports, ops workspace).
export {
  findAccountByExternalId,
  findAccountsByExternalId,
  findVendorAccountsById,
  listVendorAccounts,
  listVendorContacts,
  type UpsertOutcome,
  upsertAccountRecords,
  upsertContactRecords,
} from './vendor-records.ts';
/** Sub-queries (not run) for the accounts whose contacts match a search term, to embed in one statement. */
export function contactAccountIdQueries(deps: Pick<AppDeps, 'db'>, term: string) {
  return contactSearch.contactAccountIdQueries(deps.db, term);
}

/** An account's profile for ops (the ops workspace's account page, decision 021); 404 when unknown. */
export async function getAccountProfile(deps: AppDeps, accountId: string) {
  const account = await repo.findAccount(deps.db, accountId);
  if (!account) throw notFound('Account not found');
  return {
    id: account.id,
    name: account.name,
    legalName: account.legal_name,
    currency: account.currency,
    country: account.country,
    locale: account.locale,
    customerType: account.customer_type,
    billingEmail: account.billing_email,
    // The vendor's external id (migration 0016, decision 018).
    externalId: account.external_id,
  };
}
