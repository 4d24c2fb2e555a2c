// Decision 027: one random stamp per subscription, written anew by every ingestion of its usage
// (features/value-reports/repo.ts `refreshMonthlyUsage`, in the ingestion's transaction). The value report keeps
// a subscription's monthly figures in memory and reuses them while the stamp is the one it read them under;
// a subscription with no stamp yet (usage written before this migration) is always read from the tables.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('usage_stamps')
    .addColumn('subscription_id', 'text', (c) =>
      c.primaryKey().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('stamp', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('usage_stamps').execute();
}
