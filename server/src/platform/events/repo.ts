// SQL for the event log. Rows are only ever inserted.

import type { Insertable } from 'kysely';
import { inSlices } from '../db/batches.ts';
import type { DbOrTx } from '../db/connection.ts';
import type { EventTable } from '../db/schema.ts';

export async function insertEvent(db: DbOrTx, row: Insertable<EventTable>): Promise<void> {
  await db.insertInto('events').values(row).execute();
}

/** Many events in as few statements as the parameter limits allow; `seq` follows the given order. */
export async function insertEvents(db: DbOrTx, rows: readonly Insertable<EventTable>[]): Promise<void> {
  for (const slice of inSlices(rows, 7)) await db.insertInto('events').values(slice).execute();
}
