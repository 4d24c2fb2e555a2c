// Settings, read from the database every time they are needed (no copy in memory that another instance could
// not see): each feature names its own keys and shapes; this module keeps the table and the JSON.

import type { DbOrTx } from '../db/connection.ts';
import { fromJson, toJson } from '../db/json.ts';
import * as repo from './repo.ts';

/** The stored JSON of a setting (undefined when never set). */
export const findSetting = repo.findSetting;

/** The setting's value, or null when never set. */
export async function readSetting<T>(db: DbOrTx, key: string): Promise<T | null> {
  const row = await repo.findSetting(db, key);
  return row ? fromJson<T | null>(row.value_json, null) : null;
}

export async function hasSetting(db: DbOrTx, key: string): Promise<boolean> {
  return (await repo.findSetting(db, key)) !== undefined;
}

export async function writeSetting(db: DbOrTx, key: string, value: unknown, now: Date): Promise<void> {
  await repo.upsertSetting(db, key, toJson(value), now.toISOString());
}

/** Stores the value unless the key is set already (first writer wins); true when this call stored it. */
export async function writeSettingIfAbsent(db: DbOrTx, key: string, value: unknown, now: Date) {
  return repo.insertSettingIfAbsent(db, key, toJson(value), now.toISOString());
}
