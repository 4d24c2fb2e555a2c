// Accounts and contacts as the vendor's systems load them (issue 13 item 2; used by vendor-api, which imports
// and the ops workspace call): upserted by the vendor's external id in the caller's transaction, a batch at
// a time (decision 025: one read per kind, changes worked out in memory, multi-row writes), each change
// audited and announced (account.created / account.updated) in that transaction. The same record twice
// changes nothing ('unchanged'). Two concurrent upserts of one external id cannot both insert: the unique
// index decides; on PostgreSQL the loser's serializable transaction fails and runs again, finding the row.

import type { TCustomerRole } from '@portal/shared/schemas/auth';
import type {
  TAccountRecord,
  TContactRecord,
  TFieldError,
  TVendorAccount,
  TVendorContact,
} from '@portal/shared/schemas/vendor-api';
import type { Insertable } from 'kysely';
import { type AuditActor, type AuditEntry, recordAudits } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import type { InvitationTable } from '../../platform/db/schema.ts';
import { type NewEvent, recordEvents } from '../../platform/events/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import { updateMemberNameAndRole } from '../auth/service.ts';
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

function eventData(row: AccountRow) {
  return {
    accountId: row.id,
    externalId: row.external_id,
    name: row.name,
    currency: row.currency,
    country: row.country,
    customerType: row.customer_type,
  };
}

/** One batch's audit rows and events, written together at the end of the batch (in the given order). */
class Announcements {
  readonly audits: AuditEntry[] = [];
  readonly events: NewEvent[] = [];
  /** Writes them and starts afresh. */
  async write(tx: DbOrTx) {
    await recordAudits(tx, this.audits.splice(0));
    await recordEvents(tx, this.events.splice(0));
  }
}

export type AccountRecordsApplied = {
  outcomes: UpsertOutcome[];
  /** Every account the batch named, as it stands after the batch (also when `write` is false). */
  accounts: Map<string, TVendorAccount>;
};

/**
 * Creates or updates the accounts with the records' external ids, in order, audited and announced: the same
 * outcomes, rows, audit rows and events as upserting them one by one, in one read (rows locked on
 * PostgreSQL), one multi-row insert, one update per changed account and multi-row audit and event inserts.
 * `write: false` (a dry run) computes the outcomes from that read and writes nothing.
 */
export async function upsertAccountRecords(
  tx: DbOrTx,
  now: Date,
  actor: AuditActor,
  records: readonly TAccountRecord[],
  options: { write: boolean },
): Promise<AccountRecordsApplied> {
  const nowIso = now.toISOString();
  const externalIds = [...new Set(records.map((r) => r.externalId))];
  const rows = new Map<string, AccountRow>(
    (await repo.findAccountsByExternalId(tx, externalIds)).map((row) => [row.external_id ?? '', row]),
  );
  const inserts = new Map<string, AccountRow>();
  const updates = new Map<string, Partial<AccountColumns>>();
  const out = new Announcements();
  const outcomes = records.map((record): UpsertOutcome => {
    const next = accountColumns(record);
    const existing = rows.get(record.externalId);
    if (!existing) {
      const id = newId('acc');
      const row: AccountRow = {
        id,
        external_id: record.externalId,
        ...next,
        stripe_customer_id: null,
        default_payment_method_id: null,
        reminders_muted: 0,
        created_at: nowIso,
        updated_at: nowIso,
      };
      rows.set(record.externalId, row);
      inserts.set(id, row);
      out.audits.push({
        actor,
        accountId: id,
        entityType: 'account',
        entityId: id,
        action: 'account.created',
        after: { externalId: record.externalId, ...next },
        at: now,
      });
      out.events.push({
        type: 'account.created',
        accountId: id,
        subject: { type: 'account', id },
        data: eventData(row),
        at: now,
      });
      return { outcome: 'created', id };
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
    const row: AccountRow = { ...existing, ...changed, updated_at: nowIso };
    rows.set(record.externalId, row);
    if (inserts.has(row.id)) inserts.set(row.id, row);
    else updates.set(row.id, { ...updates.get(row.id), ...changed });
    out.audits.push({
      actor,
      accountId: existing.id,
      entityType: 'account',
      entityId: existing.id,
      action: 'account.updated',
      before: Object.fromEntries(
        Object.keys(changed).map((key) => [key, existing[key as keyof AccountColumns] ?? null]),
      ),
      after: changed,
      at: now,
    });
    out.events.push({
      type: 'account.updated',
      accountId: existing.id,
      subject: { type: 'account', id: existing.id },
      data: { ...eventData(row), changed: Object.keys(changed) },
      at: now,
    });
    return { outcome: 'updated', id: existing.id };
  });
  if (options.write) {
    const inserted = await repo.insertAccountsIfAbsent(
      tx,
      [...inserts.values()].map(({ reminders_muted: _default, ...row }) => row),
    );
    // Unreachable on both dialects (see insertAccountsIfAbsent); refuse to report what was not written.
    if (inserted !== inserts.size) throw new Error('accounts inserted concurrently; run the batch again');
    for (const [id, changed] of updates) await repo.updateAccount(tx, id, { ...changed, updated_at: nowIso });
    await out.write(tx);
  }
  return {
    outcomes,
    accounts: new Map([...rows].map(([externalId, row]) => [externalId, toVendorAccount(row)])),
  };
}

/** The accounts with these external ids (no lock), by external id. */
export async function findAccountsByExternalId(
  db: DbOrTx,
  externalIds: readonly string[],
): Promise<Map<string, TVendorAccount>> {
  const rows = await repo.findAccountsByExternalId(db, externalIds, { lock: false });
  return new Map(rows.map((row) => [row.external_id ?? '', toVendorAccount(row)]));
}

/** The account with this external id (no lock), or undefined. */
export async function findAccountByExternalId(db: DbOrTx, externalId: string) {
  return (await findAccountsByExternalId(db, [externalId])).get(externalId);
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

type ContactAccount = { id: string; name: string; locale: string };

/** An invitation as the batch knows it after the record (`sentAt`: when e-mailed; null: not sent). */
const invitationOf = (id: string, accountId: string, record: TContactRecord, sentAt: string | null) => ({
  id,
  account_id: accountId,
  email: record.email,
  name: record.name,
  role: record.role,
  sent_at: sentAt,
});
type Person = { id: string; name: string; role: string };

/** A change of a person's name or role: the same audit row for a user and for an invitation. */
function personUpdated(
  actor: AuditActor,
  now: Date,
  accountId: string,
  entity: { type: 'user' | 'invitation'; action: string },
  before: Person,
  record: TContactRecord,
): AuditEntry {
  return {
    actor,
    accountId,
    entityType: entity.type,
    entityId: before.id,
    action: entity.action,
    before: { name: before.name, role: before.role },
    after: { name: record.name, role: record.role },
    at: now,
  };
}

/**
 * Creates or updates contacts, each of its account: an active user (name and role), or an invitation. A
 * contact loaded without `invite` is a pending invitation not yet sent; `invite` sends it once (through the
 * invitation path admins use); an address in use by another account or by staff is refused. In order, with
 * the same outcomes and rows as one by one, from one read of users and one of invitations; new invitations in
 * multi-row inserts. `write: false` (a dry run) computes the outcomes and writes nothing.
 */
export async function upsertContactRecords(
  tx: DbOrTx,
  deps: AppDeps,
  now: Date,
  actor: AuditActor,
  items: readonly { account: ContactAccount; record: TContactRecord }[],
  options: { write: boolean },
): Promise<UpsertOutcome[]> {
  const nowIso = now.toISOString();
  const emails = [...new Set(items.map((i) => i.record.email))];
  const users = new Map((await repo.findUsersByEmail(tx, emails)).map((u) => [u.email, u]));
  const invitationKey = (accountId: string, email: string) => `${accountId}/${email}`;
  const invitations = new Map(
    (
      await repo.findInvitations(
        tx,
        items.map((i) => ({ accountId: i.account.id, email: i.record.email })),
      )
    ).map((i) => [invitationKey(i.account_id, i.email), i]),
  );
  type InvitationRow = Insertable<InvitationTable> & { id: string };
  const inserts = new Map<string, InvitationRow>();
  const userUpdates = new Map<string, Person>();
  const invitationUpdates = new Map<string, Person>();
  const out = new Announcements();
  /** Writes what is pending, so that sending an invitation finds the rows as one-by-one would have. */
  const flush = async () => {
    if (!options.write) return;
    await repo.insertInvitations(tx, [...inserts.values()]);
    for (const u of userUpdates.values()) await updateMemberNameAndRole(tx, u.id, { ...u, nowIso });
    for (const i of invitationUpdates.values()) {
      await repo.updateInvitationNameAndRole(tx, i.id, { name: i.name, role: i.role });
    }
    await out.write(tx);
    inserts.clear();
    userUpdates.clear();
    invitationUpdates.clear();
  };
  const outcomes: UpsertOutcome[] = [];
  for (const { account, record } of items) {
    const user = users.get(record.email);
    if (user && user.account_id !== account.id) {
      outcomes.push({
        outcome: 'refused',
        errors: [{ field: 'email', message: 'This address already has access to the portal elsewhere.' }],
      });
      continue;
    }
    if (user) {
      if (user.name === record.name && user.role === record.role) {
        outcomes.push({ outcome: 'unchanged', id: user.id });
        continue;
      }
      out.audits.push(
        personUpdated(actor, now, account.id, { type: 'user', action: 'user.updated' }, user, record),
      );
      Object.assign(user, { name: record.name, role: record.role });
      userUpdates.set(user.id, { id: user.id, name: record.name, role: record.role });
      outcomes.push({ outcome: 'updated', id: user.id });
      continue;
    }
    const key = invitationKey(account.id, record.email);
    const invitation = invitations.get(key);
    if (record.invite && !invitation?.sent_at) {
      // Rare (an invitation e-mailed): sent at once through the admins' path, after what is pending.
      await flush();
      const id = options.write
        ? await sendInvitation(tx, deps, now, {
            account,
            email: record.email,
            name: record.name,
            role: record.role as TCustomerRole,
            inviter: { userId: actor.userId, name: account.name, label: actor.label },
          })
        : (invitation?.id ?? newId('inv'));
      invitations.set(key, invitationOf(id, account.id, record, nowIso));
      outcomes.push({ outcome: invitation ? 'updated' : 'created', id });
      continue;
    }
    if (invitation) {
      if (invitation.name === record.name && invitation.role === record.role) {
        outcomes.push({ outcome: 'unchanged', id: invitation.id });
        continue;
      }
      out.audits.push(
        personUpdated(
          actor,
          now,
          account.id,
          { type: 'invitation', action: 'contact.updated' },
          invitation,
          record,
        ),
      );
      Object.assign(invitation, { name: record.name, role: record.role });
      const pending = inserts.get(invitation.id);
      if (pending) Object.assign(pending, { name: record.name, role: record.role });
      else invitationUpdates.set(invitation.id, { id: invitation.id, name: record.name, role: record.role });
      outcomes.push({ outcome: 'updated', id: invitation.id });
      continue;
    }
    const id = newId('inv');
    inserts.set(id, {
      id,
      account_id: account.id,
      email: record.email,
      name: record.name,
      role: record.role,
      locale: asEmailLocale(account.locale),
      // Never sent, so no token: a unique value no token hashes to (a hash is 64 hex digits; this is not
      // one). Sending the invitation later gives it a token.
      token_hash: `unsent:${id}`,
      expires_at: nowIso,
      wall_expires_at: nowIso,
      invited_by: actor.userId,
      created_at: nowIso,
      sent_at: null,
    });
    invitations.set(key, invitationOf(id, account.id, record, null));
    out.audits.push({
      actor,
      accountId: account.id,
      entityType: 'invitation',
      entityId: id,
      action: 'contact.created',
      after: { email: record.email, name: record.name, role: record.role, invited: false },
      at: now,
    });
    outcomes.push({ outcome: 'created', id });
  }
  await flush();
  return outcomes;
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
