// SQL of API keys: the `api_keys` table only.

import type { Insertable } from 'kysely';
import type { ApiKeyTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

type Db = DbOf<'api_keys'>;

export async function listApiKeys(db: Db) {
  return db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function findApiKey(db: Db, id: string) {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findActiveApiKeyByHash(db: Db, keyHash: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'scopes', 'last_used_at'])
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function insertApiKey(db: Db, row: Insertable<ApiKeyTable>) {
  await db.insertInto('api_keys').values(row).execute();
}

export async function touchApiKey(db: Db, id: string, nowIso: string) {
  await db.updateTable('api_keys').set({ last_used_at: nowIso }).where('id', '=', id).execute();
}

export async function revokeApiKey(db: Db, id: string, nowIso: string, byLabel: string) {
  await db
    .updateTable('api_keys')
    .set({ revoked_at: nowIso, revoked_by_label: byLabel })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
