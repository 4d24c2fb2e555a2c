// Data of the demo clock: its offset, a setting (platform/settings), and the sessions' expiry moved with it (a
// demo-only write to the auth feature's table, so that moving the date does not sign everyone out).

import type { DbOrTx } from '../../platform/db/connection.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.ts';

export const OFFSET_KEY = 'demo.clock_offset_ms';

export async function findOffset(db: DbOrTx): Promise<number | null> {
  const value = Number(await readSetting<number>(db, OFFSET_KEY));
  return Number.isFinite(value) ? value : null;
}

export async function saveOffset(db: DbOrTx, offsetMs: number, now: Date): Promise<void> {
  await writeSetting(db, OFFSET_KEY, offsetMs, now);
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
