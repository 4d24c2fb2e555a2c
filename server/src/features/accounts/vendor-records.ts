// Accounts and contacts as the vendor's systems load them (issue 13 item 2; used by vendor-api, which imports
// and the ops workspace call): upserted by the vendor's external id in the caller's transaction, each change
// audited and announced (account.created / account.updated) in that transaction. The same record twice
// changes nothing ('unchanged'). Two concurrent upserts of one external id cannot both insert: the unique
// index decides, the loser reads the winner's row (PostgreSQL retries the serializable transaction).

import type { TCustomerRole } from '@portal/shared/schemas/auth';
import type {
  TAccountRecord,
  TContactRecord,
  TFieldError,
  TVendorAccount,
  TVendorContact,
} from '@portal/shared/schemas/vendor-api';
import type { AuditActor } from '../../platform/audit/service.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { generateToken, hashToken } from '../../platform/auth/session.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import { recordEvent } from '../../platform/events/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import { sendInvitation } from './invitations.ts';
import * as repo from './vendor-repo.ts';

export type UpsertOutcome =
  | { outcome: 'created' | 'updated' | 'unchanged'; id: string }
  | { outcome: 'refused'; errors: TFieldError[] };

type AccountRow = NonNullable<Awaited<ReturnType<typeof repo.findAccountById>>>;

/** The columns a record sets (every optional field absent → null: the record is the whole account). */
function accountColumns(record: TAccountRecord) {
  return {
    name: record.name,
    legal_name: record.legalName ?? null,
    customer_type: record.customerType,
    currency: record.currency,
    locale: record.locale,
    country: record.country,
    region: record.region ?? null,
    address_line1: record.addressLine1 ?? null,
    address_line2: record.addressLine2 ?? null,
    city: record.city ?? null,
    postal_code: record.postalCode ?? null,
    tax_id: record.taxId ?? null,
    billing_email: record.billingEmail ?? null,
  };
}
type AccountColumns = ReturnType<typeof accountColumns>;

export function toVendorAccount(row: AccountRow): TVendorAccount {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    legalName: row.legal_name,
    customerType: row.customer_type === 'consumer' ? 'consumer' : 'business',
    currency: row.currency,
    locale: row.locale,
    country: row.country,
    region: row.region,
    addressLine1: row.address_line1,
    addressLine2: row.address_line2,
    city: row.city,
    postalCode: row.postal_code,
    taxId: row.tax_id,
    billingEmail: row.billing_email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function changedColumns(row: AccountRow, next: AccountColumns): Partial<AccountColumns> {
  const changed: Partial<Record<keyof AccountColumns, unknown>> = {};
  for (const key of Object.keys(next) as (keyof AccountColumns)[]) {
    if ((row[key] ?? null) !== next[key]) changed[key] = next[key];
  }
  return changed as Partial<AccountColumns>;
}

function eventData(row: { id: string; external_id: string | null } & AccountColumns) {
  return {
    accountId: row.id,
    externalId: row.external_id,
    name: row.name,
    currency: row.currency,
    country: row.country,
    customerType: row.customer_type,
  };
}

/** Creates or updates the account with the record's external id; audited and announced. */
export async function upsertAccountRecord(
  tx: DbOrTx,
  now: Date,
  actor: AuditActor,
  record: TAccountRecord,
): Promise<UpsertOutcome> {
  const nowIso = now.toISOString();
  const next = accountColumns(record);
  let existing = await repo.findAccountByExternalId(tx, record.externalId);
  if (!existing) {
    const id = newId('acc');
    const inserted = await repo.insertAccountIfAbsent(tx, {
      id,
      external_id: record.externalId,
      ...next,
      stripe_customer_id: null,
      default_payment_method_id: null,
      created_at: nowIso,
      updated_at: nowIso,
    });
    if (inserted) {
      await recordAudit(tx, {
        actor,
        accountId: id,
        entityType: 'account',
        entityId: id,
        action: 'account.created',
        after: { externalId: record.externalId, ...next },
        at: now,
      });
      await recordEvent(tx, {
        type: 'account.created',
        accountId: id,
        subject: { type: 'account', id },
        data: eventData({ id, external_id: record.externalId, ...next }),
        at: now,
      });
      return { outcome: 'created', id };
    }
    // Another transaction inserted it since we looked (SQLite cannot get here: one writer at a time).
    existing = await repo.findAccountByExternalId(tx, record.externalId);
    if (!existing) throw new Error(`account ${record.externalId} neither inserted nor found`);
  }
  const changed = changedColumns(existing, next);
  if (!Object.keys(changed).length) return { outcome: 'unchanged', id: existing.id };
  if (changed.currency !== undefined) {
    return {
      outcome: 'refused',
      errors: [
        {
          field: 'currency',
          message: `The account's currency is ${existing.currency}; it cannot change (its contracts are priced in it).`,
        },
      ],
    };
  }
  await repo.updateAccount(tx, existing.id, { ...changed, updated_at: nowIso });
  const before = Object.fromEntries(
    Object.keys(changed).map((key) => [key, existing[key as keyof AccountColumns] ?? null]),
  );
  await recordAudit(tx, {
    actor,
    accountId: existing.id,
    entityType: 'account',
    entityId: existing.id,
    action: 'account.updated',
    before,
    after: changed,
    at: now,
  });
  await recordEvent(tx, {
    type: 'account.updated',
    accountId: existing.id,
    subject: { type: 'account', id: existing.id },
    data: {
      ...eventData({ id: existing.id, external_id: existing.external_id, ...next }),
      changed: Object.keys(changed),
    },
    at: now,
  });
  return { outcome: 'updated', id: existing.id };
}

/** The account with this external id (no lock), or undefined. */
export async function findAccountByExternalId(db: DbOrTx, externalId: string) {
  const row = await repo.findAccountByExternalId(db, externalId, { lock: false });
  return row ? toVendorAccount(row) : undefined;
}

export async function findVendorAccountsById(db: DbOrTx, accountIds: readonly string[]) {
  return (await repo.findAccountsById(db, accountIds)).map(toVendorAccount);
}

export async function listVendorAccounts(
  db: DbOrTx,
  input: { after?: string; limit: number },
): Promise<TVendorAccount[]> {
  return (await repo.listAccountsByExternalId(db, input)).map(toVendorAccount);
}

/**
 * Creates or updates a contact of the account: an active user (name and role), or an invitation. A contact
 * loaded without `invite` is a pending invitation not yet sent; `invite` sends it once (through the
 * invitation path admins use); an address in use by another account or by staff is refused.
 */
export async function upsertContactRecord(
  tx: DbOrTx,
  deps: AppDeps,
  now: Date,
  actor: AuditActor,
  account: { id: string; name: string; locale: string },
  record: TContactRecord,
): Promise<UpsertOutcome> {
  const nowIso = now.toISOString();
  const user = await repo.findUserByEmail(tx, record.email);
  if (user && user.account_id !== account.id) {
    return {
      outcome: 'refused',
      errors: [{ field: 'email', message: 'This address already has access to the portal elsewhere.' }],
    };
  }
  if (user) {
    if (user.name === record.name && user.role === record.role) return { outcome: 'unchanged', id: user.id };
    await repo.updateUserNameAndRole(tx, user.id, { name: record.name, role: record.role, nowIso });
    await recordAudit(tx, {
      actor,
      accountId: account.id,
      entityType: 'user',
      entityId: user.id,
      action: 'user.updated',
      before: { name: user.name, role: user.role },
      after: { name: record.name, role: record.role },
      at: now,
    });
    return { outcome: 'updated', id: user.id };
  }
  const invitation = await repo.findInvitationByEmail(tx, account.id, record.email);
  const send = () =>
    sendInvitation(tx, deps, now, {
      account,
      email: record.email,
      name: record.name,
      role: record.role as TCustomerRole,
      inviter: { userId: actor.userId, name: account.name, label: actor.label },
    });
  if (invitation) {
    if (record.invite && !invitation.sent_at) return { outcome: 'updated', id: await send() };
    if (invitation.name === record.name && invitation.role === record.role) {
      return { outcome: 'unchanged', id: invitation.id };
    }
    await repo.updateInvitationNameAndRole(tx, invitation.id, { name: record.name, role: record.role });
    await recordAudit(tx, {
      actor,
      accountId: account.id,
      entityType: 'invitation',
      entityId: invitation.id,
      action: 'contact.updated',
      before: { name: invitation.name, role: invitation.role },
      after: { name: record.name, role: record.role },
      at: now,
    });
    return { outcome: 'updated', id: invitation.id };
  }
  if (record.invite) return { outcome: 'created', id: await send() };
  const id = newId('inv');
  await repo.insertInvitation(tx, {
    id,
    account_id: account.id,
    email: record.email,
    name: record.name,
    role: record.role,
    locale: asEmailLocale(account.locale),
    // Never sent: nobody holds this token. Sending the invitation later renews it.
    token_hash: hashToken(generateToken()),
    expires_at: nowIso,
    wall_expires_at: nowIso,
    invited_by: actor.userId,
    created_at: nowIso,
    sent_at: null,
  });
  await recordAudit(tx, {
    actor,
    accountId: account.id,
    entityType: 'invitation',
    entityId: id,
    action: 'contact.created',
    after: { email: record.email, name: record.name, role: record.role, invited: false },
    at: now,
  });
  return { outcome: 'created', id };
}

export async function listVendorContacts(db: DbOrTx, accountId: string): Promise<TVendorContact[]> {
  const { users, invitations } = await repo.listContacts(db, accountId);
  return [
    ...users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role as TCustomerRole,
      status: 'active' as const,
    })),
    ...invitations.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.name,
      role: i.role as TCustomerRole,
      status: i.sent_at ? ('invited' as const) : ('not_invited' as const),
    })),
  ].sort((a, b) => a.email.localeCompare(b.email));
}
