// An account's renewals by account: the trigger that asks them to be checked again when the account's country,
// region, card or customer type changes (0007), and bringing them forward when a new card is saved, looked for
// them by scanning every renewal (46 ms per account update with 100,000 renewals, half a second with 500,000).

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('auto_renewals_account_idx').on('auto_renewals').column('account_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('auto_renewals_account_idx').execute();
}
