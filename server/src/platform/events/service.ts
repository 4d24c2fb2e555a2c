// The event log (issue 13 item 5, migration 0015). A feature records an event in the transaction of the change
// it describes, so the event commits or rolls back with it: never lost, never about a change that did not
// happen. Delivery to webhook endpoints and the polling feed read this log (features/webhooks); the platform
// names no feature.

import type { TEventType } from '@portal/shared/schemas/events';
import type { DbOrTx } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { toJson } from '../db/json.ts';
import { insertEvent, insertEvents } from './repo.ts';

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
  const row = eventRow(event);
  await insertEvent(tx, row);
  return row.id;
}

/** Appends the events in the given order (bulk loads): the same rows as `recordEvent` one by one. */
export async function recordEvents(tx: DbOrTx, events: readonly NewEvent[]): Promise<void> {
  await insertEvents(tx, events.map(eventRow));
}

function eventRow(event: NewEvent) {
  return {
    id: newId('evt'),
    type: event.type,
    account_id: event.accountId,
    subject_type: event.subject.type,
    subject_id: event.subject.id,
    occurred_at: event.at.toISOString(),
    data_json: toJson(event.data),
  };
}
