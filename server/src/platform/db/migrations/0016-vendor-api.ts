// Issue 13 items 1–2: scoped API keys and the vendor's external ids.
// - api_keys.scopes: JSON array of scopes; keys made before scopes existed could only push usage, so they
//   become ["usage:write"].
// - accounts.external_id, subscriptions.external_id: the vendor's own id, unique when set (several NULLs are
//   allowed on both SQLite and PostgreSQL), so two concurrent upserts of one id cannot both insert.
// - subscriptions.auto_renew_elsewhere: the vendor's old system renewed it automatically. Never consent: the
//   portal asks the customer to consent to collect (auto_renew_enabled stays 0 until they agree).
// - invitations.sent_at: a contact loaded without `invite` is a pending invitation not yet sent; it is sent
//   once, when a record asks for it. Invitations made before this were sent when created.

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('["usage:write"]'))
    .execute();
  await db.schema.alterTable('accounts').addColumn('external_id', 'text').execute();
  await db.schema
    .createIndex('accounts_external_id_idx')
    .on('accounts')
    .column('external_id')
    .unique()
    .execute();
  await db.schema.alterTable('subscriptions').addColumn('external_id', 'text').execute();
  await db.schema
    .alterTable('subscriptions')
    .addColumn('auto_renew_elsewhere', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('subscriptions_external_id_idx')
    .on('subscriptions')
    .column('external_id')
    .unique()
    .execute();
  await db.schema.alterTable('invitations').addColumn('sent_at', 'text').execute();
  await sql`UPDATE invitations SET sent_at = created_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invitations').dropColumn('sent_at').execute();
  await db.schema.dropIndex('subscriptions_external_id_idx').execute();
  await db.schema.alterTable('subscriptions').dropColumn('auto_renew_elsewhere').execute();
  await db.schema.alterTable('subscriptions').dropColumn('external_id').execute();
  await db.schema.dropIndex('accounts_external_id_idx').execute();
  await db.schema.alterTable('accounts').dropColumn('external_id').execute();
  await db.schema.alterTable('api_keys').dropColumn('scopes').execute();
}
