// SQL for the published versions of the pricing rules. Versions are only ever inserted.

import type { DbOf } from '../../platform/db/slice.ts';

/** This repo's own tables (its slice of the schema): SQL on any other does not compile (decision 015). */
type DbOrTx = DbOf<'pricing_rule_versions'>;

export async function findLatestVersion(db: DbOrTx) {
  return db
    .selectFrom('pricing_rule_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listVersions(db: DbOrTx, limit: number) {
  return db.selectFrom('pricing_rule_versions').selectAll().orderBy('version', 'desc').limit(limit).execute();
}

export async function insertVersion(
  db: DbOrTx,
  row: {
    version: number;
    rulesJson: string;
    note: string;
    publishedAt: string;
    publishedByUserId: string | null;
    publishedByLabel: string;
  },
): Promise<void> {
  await db
    .insertInto('pricing_rule_versions')
    .values({
      version: row.version,
      rules_json: row.rulesJson,
      note: row.note,
      published_at: row.publishedAt,
      published_by_user_id: row.publishedByUserId,
      published_by_label: row.publishedByLabel,
    })
    .execute();
}
