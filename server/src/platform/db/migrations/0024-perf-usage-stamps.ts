// Decision 027: every refresh of a usage_monthly row (platform ingestion, features/value-reports/repo.ts
// `refreshMonthlyUsage`) writes a new random stamp. The value report keeps the aggregates of a term's partial
// months (read from usage_daily) in memory and reuses them while the stamps of those months' rows are the
// ones it read them under; rows written before this migration keep the empty stamp until their next refresh.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('usage_monthly')
    .addColumn('stamp', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('usage_monthly').dropColumn('stamp').execute();
}
