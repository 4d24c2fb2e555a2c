// SQL for the event log. Rows are only ever inserted.

import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connection.ts';
import type { EventTable } from '../db/schema.ts';

export async function insertEvent(db: DbOrTx, row: Insertable<EventTable>): Promise<void> {
  await db.insertInto('events').values(row).execute();
}
