// Issue 10 item 8: a consumer ends a contract renewed automatically (decision 017). One row per subscription
// (the contract ends once), written in the transaction that ends the contract; the refunds of unused prepaid
// time it plans are made after it, each under its own idempotency key, and the row says whether they are done.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contract_cancellations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull())
    // 'de_one_month_notice' | 'fr_notice_not_sent'
    .addColumn('right', 'text', (c) => c.notNull())
    .addColumn('previous_term_end', 'text', (c) => c.notNull())
    // The first day without service.
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('refund_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // [{ paymentId, amountMinor }]: the refunds planned, one per payment with unused time.
    .addColumn('refunds_json', 'text', (c) => c.notNull())
    // 'refunding' | 'refunded' | 'refund_failed'
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('refund_error', 'text')
    .addColumn('requested_by_user_id', 'text')
    .addColumn('requested_by_label', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contract_cancellations_state_idx')
    .on('contract_cancellations')
    .column('state')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contract_cancellations').execute();
}
