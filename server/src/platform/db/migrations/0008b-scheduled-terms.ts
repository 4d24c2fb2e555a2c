// Contract changes take effect when paid for (issue 10 item 6, decision 010): a renewal paid before its term
// starts is kept as a scheduled term (plan, seats, price, dates) and becomes the running contract on its first
// day; until then the running term keeps its own plan, seats and price.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscription_scheduled_terms')
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('term_start', 'text', (c) => c.notNull())
    .addColumn('term_end', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('unit_price_minor', 'integer', (c) => c.notNull())
    .addColumn('quote_id', 'text')
    .addColumn('payment_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_scheduled_terms_pk', ['subscription_id', 'term_start'])
    .execute();
  await db.schema
    .createIndex('subscription_scheduled_terms_start_idx')
    .on('subscription_scheduled_terms')
    .column('term_start')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('subscription_scheduled_terms').ifExists().execute();
}
