// SQL of `app_settings`, the portal's key-value settings (billing details, notice policies, the hourly cost,
// the link secret, the demo clock's offset, the demo history's marker). This module owns the table: features
// read and write settings through platform/settings/settings.ts, never with their own SQL.

import type { DbOrTx } from '../db/connection.ts';
import { preparedQuery } from '../db/prepared.ts';

/** Read on request paths (the value report's policies, the demo clock each second): compiled once (decision 022). */
const settingByKey = preparedQuery((db, p: { key: string }) =>
  db.selectFrom('app_settings').select('value_json').where('key', '=', p.key),
);

export async function findSetting(db: DbOrTx, key: string) {
  return settingByKey.first(db, { key });
}

export async function upsertSetting(db: DbOrTx, key: string, valueJson: string, nowIso: string) {
  await db
    .insertInto('app_settings')
    .values({ key, value_json: valueJson, updated_at: nowIso })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: valueJson, updated_at: nowIso }))
    .execute();
}

/** True when this call stored it (another writer's value is kept). */
export async function insertSettingIfAbsent(db: DbOrTx, key: string, valueJson: string, nowIso: string) {
  const result = await db
    .insertInto('app_settings')
    .values({ key, value_json: valueJson, updated_at: nowIso })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
