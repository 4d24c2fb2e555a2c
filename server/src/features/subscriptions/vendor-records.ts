// Subscriptions as the vendor's systems load them (issue 13 item 2): upserted by the vendor's external id in
// the caller's transaction, audited and announced (subscription.created / .updated / .cancelled) there. A
// cancelled record ends the contract the way the portal does (cancelled_at set, auto-renew off). The old
// system's automatic renewal is recorded as `auto_renew_elsewhere` and never as consent: the customer is
// asked in the portal, and auto-renew stays off until they agree.

import type {
  TFieldError,
  TSubscriptionRecord,
  TVendorSubscription,
} from '@portal/shared/schemas/vendor-api';
import { type AuditActor, recordAudit } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import { recordEvent } from '../../platform/events/service.ts';
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

export async function upsertSubscriptionRecord(
  tx: DbOrTx,
  now: Date,
  actor: AuditActor,
  input: ResolvedSubscriptionRecord,
): Promise<SubscriptionUpsertOutcome> {
  const { record, account, plan } = input;
  const nowIso = now.toISOString();
  const cancelled = record.status === 'cancelled';
  const elsewhere = record.autoRenewElsewhere ? 1 : 0;
  let existing = await repo.findByExternalId(tx, record.externalId);
  if (!existing) {
    const id = newId('sub');
    const inserted = await repo.insertIfAbsent(tx, {
      id,
      external_id: record.externalId,
      account_id: account.id,
      plan_id: plan.id,
      label: record.label ?? plan.name,
      seats: record.seats,
      currency: account.currency,
      unit_price_minor: input.unitPriceMinor,
      term_start: record.termStart,
      term_end: record.termEnd,
      cancelled_at: cancelled ? nowIso : null,
      auto_renew_enabled: 0,
      auto_renew_term_years: null,
      auto_renew_elsewhere: elsewhere,
      created_at: nowIso,
      updated_at: nowIso,
    });
    if (inserted) {
      const created = await repo.findByExternalId(tx, record.externalId);
      if (!created) throw new Error(`subscription ${record.externalId} inserted but not found`);
      const view = toVendorSubscription(created, account.externalId);
      await recordAudit(tx, {
        actor,
        accountId: account.id,
        entityType: 'subscription',
        entityId: id,
        action: 'subscription.created',
        after: eventData(view),
        at: now,
      });
      await recordEvent(tx, {
        type: 'subscription.created',
        accountId: account.id,
        subject: { type: 'subscription', id },
        data: eventData(view),
        at: now,
      });
      return { outcome: 'created', id };
    }
    existing = await repo.findByExternalId(tx, record.externalId);
    if (!existing) throw new Error(`subscription ${record.externalId} neither inserted nor found`);
  }
  if (existing.account_id !== account.id) {
    return {
      outcome: 'refused',
      errors: [
        {
          field: 'accountExternalId',
          message: 'This subscription belongs to another account; it cannot move.',
        },
      ],
    };
  }
  if (existing.cancelled_at && !cancelled) {
    return {
      outcome: 'refused',
      errors: [
        {
          field: 'status',
          message: 'This subscription was cancelled; load a new one (with a new external id) instead.',
        },
      ],
    };
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
  const before = toVendorSubscription(existing, account.externalId);
  if (Object.keys(changed).length) {
    await repo.update(tx, existing.id, { ...changed, updated_at: nowIso });
  }
  if (cancelsNow) {
    await endContract(tx, existing.id, { termEnd: record.termEnd, cancelledAt: nowIso, nowIso });
  }
  const updated = await repo.findByExternalId(tx, record.externalId);
  if (!updated) throw new Error(`subscription ${record.externalId} vanished`);
  const after = toVendorSubscription(updated, account.externalId);
  await recordAudit(tx, {
    actor,
    accountId: account.id,
    entityType: 'subscription',
    entityId: existing.id,
    action: cancelsNow ? 'subscription.cancelled' : 'subscription.updated',
    before: eventData(before),
    after: eventData(after),
    at: now,
  });
  await recordEvent(tx, {
    type: cancelsNow ? 'subscription.cancelled' : 'subscription.updated',
    accountId: account.id,
    subject: { type: 'subscription', id: existing.id },
    data: { ...eventData(after), changed: [...Object.keys(changed), ...(cancelsNow ? ['status'] : [])] },
    at: now,
  });
  return { outcome: 'updated', id: existing.id };
}

export async function findVendorSubscription(db: DbOrTx, externalId: string) {
  return repo.findByExternalId(db, externalId, { lock: false });
}

export async function listVendorSubscriptions(
  db: DbOrTx,
  input: { after?: string; accountId?: string; limit: number },
) {
  return repo.listByExternalId(db, input);
}
