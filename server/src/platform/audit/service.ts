// The audit trail: who changed what money or contract, from what to what, and when. Callers pass their
// transaction so the audit row commits (or rolls back) with the change itself.

import type { DbOrTx } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { toJson } from '../db/json.ts';
import { type AuditRow, insertAuditEvent, insertAuditEvents, listAuditEvents } from './repo.ts';

export { type AuditKey, type AuditLogFilter, listAuditLog } from './repo.ts';

export type AuditActor = { userId: string | null; label: string };

/** The actor for changes made by the system itself (jobs, webhooks). */
export const systemActor = (label: string): AuditActor => ({ userId: null, label: `system:${label}` });

export type AuditEntry = {
  actor: AuditActor;
  accountId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  at: Date;
  /** Why, in the words of the person who did it (ops actions on a customer's behalf, decision 021). */
  reason?: string;
};

function auditRow(entry: AuditEntry): AuditRow {
  return {
    id: newId('aud'),
    at: entry.at.toISOString(),
    actor_user_id: entry.actor.userId,
    actor_label: entry.actor.label,
    account_id: entry.accountId,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    action: entry.action,
    before_json: entry.before === undefined ? null : toJson(entry.before),
    after_json: entry.after === undefined ? null : toJson(entry.after),
    reason: entry.reason ?? null,
  };
}

export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(tx, auditRow(entry));
}

/** The same rows as `recordAudit` for each entry, written in a few multi-row statements (bulk loads). */
export async function recordAudits(tx: DbOrTx, entries: readonly AuditEntry[]): Promise<void> {
  await insertAuditEvents(tx, entries.map(auditRow));
}

export { listAuditEvents };
