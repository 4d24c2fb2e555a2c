// SQL for the audit trail. Rows are only ever inserted.

import { inSlices } from '../db/batches.ts';
import type { DbOrTx } from '../db/connection.ts';

export type AuditRow = {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_label: string;
  account_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  reason?: string | null;
};

export async function insertAuditEvent(db: DbOrTx, row: AuditRow): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

/** Many rows in as few statements as the dialects' parameter limits allow, in the given order. */
export async function insertAuditEvents(db: DbOrTx, rows: readonly AuditRow[]): Promise<void> {
  for (const slice of inSlices(rows, 11)) await db.insertInto('audit_events').values(slice).execute();
}

export async function listAuditEvents(
  db: DbOrTx,
  filter: { entityType?: string; entityId?: string; accountId?: string; limit: number; before?: string },
) {
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  if (filter.before) query = query.where('at', '<', filter.before);
  return query.execute();
}

/** A position in a newest-first list: rows strictly older than (at, id). */
export type AuditKey = { at: string; id: string };

export type AuditLogFilter = {
  actorUserId?: string;
  /** Matches the start of the actor's label (an e-mail, `system:…`). */
  actorLabel?: string;
  accountId?: string;
  entityType?: string;
  action?: string;
  /** Inclusive ISO instants. */
  from?: string;
  to?: string;
};

/**
 * The audit log newest first, filtered, one keyset page (`after` = the last row of the previous page). Served
 * by the (at, id), (account_id, at, id) and (actor_user_id, at, id) indexes (migration 0020).
 */
export async function listAuditLog(
  db: DbOrTx,
  filter: AuditLogFilter,
  after: AuditKey | null,
  limit: number,
) {
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  if (filter.actorUserId) query = query.where('actor_user_id', '=', filter.actorUserId);
  if (filter.actorLabel) {
    const prefix = filter.actorLabel;
    query = query.where('actor_label', '>=', prefix).where('actor_label', '<', `${prefix}\uffff`);
  }
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<=', filter.to);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]),
    );
  }
  return query.execute();
}
