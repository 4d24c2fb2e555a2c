// Subscriptions as the vendor's systems load them (issue 13 item 2): upserted by the vendor's external id in
// the caller's transaction, a batch at a time (decision 025), audited and announced (subscription.created / .updated / .cancelled) there. A
// cancelled record ends the contract the way the portal does (cancelled_at set, auto-renew off). The old
// system's automatic renewal is recorded as `auto_renew_elsewhere` and never as consent: the customer is
// asked in the portal, and auto-renew stays off until they agree.

import type { TEventType } from '@portal/shared/schemas/events';
import type {
  TFieldError,
  TSubscriptionRecord,
  TVendorSubscription,
} from '@portal/shared/schemas/vendor-api';
import type { Updateable } from 'kysely';
import { type AuditActor, type AuditEntry, recordAudits } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import type { SubscriptionTable } from '../../platform/db/schema.ts';
import { type NewEvent, recordEvents } from '../../platform/events/service.ts';
import { endContract } from './repo.ts';
import * as repo from './vendor-repo.ts';

export type SubscriptionUpsertOutcome =
  | { outcome: 'created' | 'updated' | 'unchanged'; id: string }
  | { outcome: 'refused'; errors: TFieldError[] };

/** What the caller resolved: the account by its external id, the plan by its code, the price to charge. */
export type ResolvedSubscriptionRecord = {
  record: TSubscriptionRecord;
  account: { id: string; externalId: string | null; currency: string };
  plan: { id: string; code: string; name: string };
  unitPriceMinor: number;
};

export function toVendorSubscription(
  row: repo.VendorSubscriptionRow,
  accountExternalId: string | null,
): TVendorSubscription {
  return {
    id: row.id,
    externalId: row.external_id,
    accountId: row.account_id,
    accountExternalId,
    planCode: row.plan_code,
    label: row.label,
    seats: row.seats,
    currency: row.currency,
    unitPriceMinor: row.unit_price_minor,
    termStart: row.term_start,
    termEnd: row.term_end,
    status: row.cancelled_at ? 'cancelled' : 'active',
    cancelledAt: row.cancelled_at,
    autoRenewEnabled: row.auto_renew_enabled === 1,
    autoRenewElsewhere: row.auto_renew_elsewhere === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function eventData(subscription: TVendorSubscription) {
  const { createdAt: _c, updatedAt: _u, ...data } = subscription;
  return { subscriptionId: subscription.id, ...data };
}

const refusal = (field: string, message: string): SubscriptionUpsertOutcome => ({
  outcome: 'refused',
  errors: [{ field, message }],
});

/** A write of one record to an existing subscription: its changed columns, and whether it ends the contract. */
type Change = { id: string; changed: Updateable<SubscriptionTable>; termEnd: string; cancelsNow: boolean };

/**
 * Creates or updates the subscriptions with the records' external ids, in order, audited and announced: the
 * same outcomes, rows, audit rows and events as upserting them one by one, from one read (rows locked on
 * PostgreSQL), with one multi-row insert and one update per changed contract. A cancelled record ends the
 * contract as the portal does (`endContract`). `write: false` (a dry run) computes the outcomes only.
 */
export async function upsertSubscriptionRecords(
  tx: DbOrTx,
  now: Date,
  actor: AuditActor,
  inputs: readonly ResolvedSubscriptionRecord[],
  options: { write: boolean },
): Promise<SubscriptionUpsertOutcome[]> {
  const nowIso = now.toISOString();
  const rows = new Map(
    (await repo.findByExternalIds(tx, [...new Set(inputs.map((i) => i.record.externalId))])).map((row) => [
      row.external_id ?? '',
      row,
    ]),
  );
  const inserts = new Map<string, repo.VendorSubscriptionRow>();
  const changes: Change[] = [];
  const audits: AuditEntry[] = [];
  const events: NewEvent[] = [];
  const announce = (
    action: TEventType,
    before: TVendorSubscription | null,
    after: TVendorSubscription,
    changed?: string[],
  ) => {
    audits.push({
      actor,
      accountId: after.accountId,
      entityType: 'subscription',
      entityId: after.id,
      action,
      ...(before ? { before: eventData(before) } : {}),
      after: eventData(after),
      at: now,
    });
    events.push({
      type: action,
      accountId: after.accountId,
      subject: { type: 'subscription', id: after.id },
      data: changed ? { ...eventData(after), changed } : eventData(after),
      at: now,
    });
  };
  const outcomes = inputs.map((input): SubscriptionUpsertOutcome => {
    const { record, account, plan } = input;
    const cancelled = record.status === 'cancelled';
    const elsewhere = record.autoRenewElsewhere ? 1 : 0;
    const existing = rows.get(record.externalId);
    if (!existing) {
      const row: repo.VendorSubscriptionRow = {
        id: newId('sub'),
        external_id: record.externalId,
        account_id: account.id,
        plan_id: plan.id,
        plan_code: plan.code,
        label: record.label ?? plan.name,
        seats: record.seats,
        currency: account.currency,
        unit_price_minor: input.unitPriceMinor,
        term_start: record.termStart,
        term_end: record.termEnd,
        cancelled_at: cancelled ? nowIso : null,
        auto_renew_enabled: 0,
        auto_renew_elsewhere: elsewhere,
        created_at: nowIso,
        updated_at: nowIso,
      };
      rows.set(record.externalId, row);
      inserts.set(row.id, row);
      announce('subscription.created', null, toVendorSubscription(row, account.externalId));
      return { outcome: 'created', id: row.id };
    }
    if (existing.account_id !== account.id) {
      return refusal('accountExternalId', 'This subscription belongs to another account; it cannot move.');
    }
    if (existing.cancelled_at && !cancelled) {
      return refusal(
        'status',
        'This subscription was cancelled; load a new one (with a new external id) instead.',
      );
    }
    const next = {
      plan_id: plan.id,
      label: record.label ?? existing.label,
      seats: record.seats,
      unit_price_minor: input.unitPriceMinor,
      term_start: record.termStart,
      term_end: record.termEnd,
      auto_renew_elsewhere: elsewhere,
    };
    const changed = Object.fromEntries(
      Object.entries(next).filter(([key, value]) => existing[key as keyof typeof next] !== value),
    ) as Partial<typeof next>;
    const cancelsNow = cancelled && !existing.cancelled_at;
    if (!Object.keys(changed).length && !cancelsNow) return { outcome: 'unchanged', id: existing.id };
    const row: repo.VendorSubscriptionRow = {
      ...existing,
      ...changed,
      plan_code: plan.code,
      updated_at: nowIso,
      ...(cancelsNow ? { term_end: record.termEnd, cancelled_at: nowIso, auto_renew_enabled: 0 } : {}),
    };
    rows.set(record.externalId, row);
    if (inserts.has(row.id)) inserts.set(row.id, row);
    else changes.push({ id: row.id, changed, termEnd: record.termEnd, cancelsNow });
    announce(
      cancelsNow ? 'subscription.cancelled' : 'subscription.updated',
      toVendorSubscription(existing, account.externalId),
      toVendorSubscription(row, account.externalId),
      [...Object.keys(changed), ...(cancelsNow ? ['status'] : [])],
    );
    return { outcome: 'updated', id: existing.id };
  });
  if (options.write) {
    const inserted = await repo.insertIfAbsent(
      tx,
      [...inserts.values()].map(({ plan_code: _code, ...row }) => ({ ...row, auto_renew_term_years: null })),
    );
    // Unreachable on both dialects (see insertIfAbsent); refuse to report what was not written.
    if (inserted !== inserts.size)
      throw new Error('subscriptions inserted concurrently; run the batch again');
    for (const change of changes) {
      if (Object.keys(change.changed).length) {
        await repo.update(tx, change.id, { ...change.changed, updated_at: nowIso });
      }
      if (change.cancelsNow) {
        await endContract(tx, change.id, { termEnd: change.termEnd, cancelledAt: nowIso, nowIso });
      }
    }
    await recordAudits(tx, audits);
    await recordEvents(tx, events);
  }
  return outcomes;
}

export async function findVendorSubscription(db: DbOrTx, externalId: string) {
  return repo.findByExternalId(db, externalId);
}

export async function listVendorSubscriptions(
  db: DbOrTx,
  input: { after?: string; accountId?: string; limit: number },
) {
  return repo.listByExternalId(db, input);
}
