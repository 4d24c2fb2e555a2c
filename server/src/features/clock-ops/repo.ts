// Data of the demo clock: its offset, a setting (platform/settings). The sessions' expiry moves with it through
// auth's service (`shiftSessionTimes`), so that moving the date does not sign everyone out.

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
