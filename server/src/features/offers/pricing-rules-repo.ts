// SQL for the published versions of the pricing rules. Versions are only ever inserted.

import type { DbOrTx } from '../../platform/db/connection.ts';

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
