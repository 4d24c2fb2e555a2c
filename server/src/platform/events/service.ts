// The event log (issue 13 item 5, migration 0015). A feature records an event in the transaction of the change
// it describes, so the event commits or rolls back with it: never lost, never about a change that did not
// happen. Delivery to webhook endpoints and the polling feed read this log (features/webhooks); the platform
// names no feature.

import type { TEventType } from '@portal/shared/schemas/events';
import type { DbOrTx } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { toJson } from '../db/json.ts';
import { insertEvent } from './repo.ts';

export type NewEvent = {
  type: TEventType;
  accountId: string | null;
  subject: { type: string; id: string };
  /** The payload as the vendor receives it: ids, amounts in minor units with currency, dates; no secrets. */
  data: Record<string, unknown>;
  at: Date;
};

/** Appends one event; pass the transaction of the change it describes. Returns the event's id. */
export async function recordEvent(tx: DbOrTx, event: NewEvent): Promise<string> {
  const id = newId('evt');
  await insertEvent(tx, {
    id,
    type: event.type,
    account_id: event.accountId,
    subject_type: event.subject.type,
    subject_id: event.subject.id,
    occurred_at: event.at.toISOString(),
    data_json: toJson(event.data),
  });
  return id;
}
