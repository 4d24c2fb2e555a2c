// SQL of the demo clock: its offset in app_settings, and the sessions' expiry moved with it (a demo-only write
// to the auth feature's table, so that moving the date does not sign everyone out).

import type { DbOrTx } from '../../platform/db/connection.ts';

export const OFFSET_KEY = 'demo.clock_offset_ms';

export async function findOffset(db: DbOrTx): Promise<number | null> {
  const row = await db
    .selectFrom('app_settings')
    .select('value_json')
    .where('key', '=', OFFSET_KEY)
    .executeTakeFirst();
  if (!row) return null;
  const value = Number(JSON.parse(row.value_json));
  return Number.isFinite(value) ? value : null;
}

export async function saveOffset(db: DbOrTx, offsetMs: number, nowIso: string): Promise<void> {
  const value = JSON.stringify(offsetMs);
  await db
    .insertInto('app_settings')
    .values({ key: OFFSET_KEY, value_json: value, updated_at: nowIso })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: value, updated_at: nowIso }))
    .execute();
}

/** Moves every session's expiry and start by `deltaMs`, so sessions keep the lifetime (sliding and absolute)
 * they had left. */
export async function shiftSessionExpiry(db: DbOrTx, deltaMs: number): Promise<number> {
  if (deltaMs === 0) return 0;
  const sessions = await db.selectFrom('sessions').select(['id', 'expires_at', 'created_at']).execute();
  const shift = (iso: string) => new Date(new Date(iso).getTime() + deltaMs).toISOString();
  for (const session of sessions) {
    await db
      .updateTable('sessions')
      .set({ expires_at: shift(session.expires_at), created_at: shift(session.created_at) })
      .where('id', '=', session.id)
      .execute();
  }
  return sessions.length;
}
