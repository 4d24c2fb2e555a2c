// Issue 13 item 5: the append-only log of events the vendor's systems hear about (account, subscription,
// auto-renew, quote, payment, invoice). A row is written in the same transaction as the change it describes,
// so an event is never lost and never describes a change that rolled back. `seq` is the order in which
// events are read (`GET /api/v1/events?after=<cursor>`) and delivered; it increases with each insert.
// Rows are never updated or deleted.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    // e.g. 'subscription.renewed' (shared/src/schemas/events.ts lists them).
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    // What the event is about: 'account' | 'subscription' | 'quote' | 'payment' | 'invoice' | …, and its id.
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // The portal's (demo) clock when the change happened.
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    // JSON object: the event's payload as delivered (`data` of the Standard Webhooks body).
    .addColumn('data_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_account_idx').on('events').columns(['account_id', 'seq']).execute();
  await db.schema.createIndex('events_type_idx').on('events').columns(['type', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('events').execute();
}
