// Issue 13 item 6 (decision 021): the ops workspace.
// - `audit_events.reason`: the reason ops typed for an action taken on a customer's behalf.
// - `sessions.view_as_account_id` / `view_as_until`: an ops session viewing one account as its customers see
//   it, read-only, until the instant given (or until ended). The session stays the ops user's own: no
//   customer credential exists or is created.
// - Indexes for keyset pages that stay fast at 100,000 accounts: accounts by (name, id) and by currency; the
//   audit log by (at, id), per account and per actor; an account's e-mails and notices for its timeline.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('reason', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('view_as_account_id', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('view_as_until', 'text').execute();
  await db.schema.createIndex('accounts_name_id_idx').on('accounts').columns(['name', 'id']).execute();
  await db.schema
    .createIndex('accounts_currency_name_id_idx')
    .on('accounts')
    .columns(['currency', 'name', 'id'])
    .execute();
  await db.schema.createIndex('audit_events_at_id_idx').on('audit_events').columns(['at', 'id']).execute();
  await db.schema
    .createIndex('audit_events_account_at_idx')
    .on('audit_events')
    .columns(['account_id', 'at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_events_actor_at_idx')
    .on('audit_events')
    .columns(['actor_user_id', 'at', 'id'])
    .execute();
  await db.schema
    .createIndex('email_outbox_account_created_idx')
    .on('email_outbox')
    .columns(['account_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('renewal_notices_account_sent_idx')
    .on('renewal_notices')
    .columns(['account_id', 'sent_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'renewal_notices_account_sent_idx',
    'email_outbox_account_created_idx',
    'audit_events_actor_at_idx',
    'audit_events_account_at_idx',
    'audit_events_at_id_idx',
    'accounts_currency_name_id_idx',
    'accounts_name_id_idx',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.alterTable('sessions').dropColumn('view_as_until').execute();
  await db.schema.alterTable('sessions').dropColumn('view_as_account_id').execute();
  await db.schema.alterTable('audit_events').dropColumn('reason').execute();
}
