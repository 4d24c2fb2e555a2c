// SQL for the audit trail. Rows are only ever inserted.

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
};

export async function insertAuditEvent(db: DbOrTx, row: AuditRow): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
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
