// SQL of the shared request counters (0021): one row per key, one atomic upsert per request. The upsert starts
// a new window when the caller's window is later than the row's, and otherwise counts into the row's window (a
// caller whose clock lags a little counts into the current window instead of resetting it). One statement,
// so SQLite's single writer and PostgreSQL's row lock on the conflicting row both make it atomic.

import { sql } from 'kysely';
import type { DbOrTx } from '../db/connection.ts';

/** Counts one request for `key` in the window starting at `windowStartMs`; the window and count after it. */
export async function countRequest(
  db: DbOrTx,
  key: string,
  windowStartMs: number,
): Promise<{ windowStartMs: number; count: number }> {
  const row = await db
    .insertInto('rate_limit_counters')
    .values({ key, window_start_ms: windowStartMs, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when excluded.window_start_ms > rate_limit_counters.window_start_ms
          then 1 else rate_limit_counters.count + 1 end`,
        window_start_ms: sql<number>`case when excluded.window_start_ms > rate_limit_counters.window_start_ms
          then excluded.window_start_ms else rate_limit_counters.window_start_ms end`,
      }),
    )
    .returning(['window_start_ms', 'count'])
    .executeTakeFirstOrThrow();
  return { windowStartMs: Number(row.window_start_ms), count: Number(row.count) };
}

/** Forgets the keys whose window ended before `beforeMs` (they would start afresh anyway). */
export async function deleteCountersBefore(db: DbOrTx, beforeMs: number): Promise<void> {
  await db.deleteFrom('rate_limit_counters').where('window_start_ms', '<', beforeMs).execute();
}
