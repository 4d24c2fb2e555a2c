// Issue 14: what procurement adds to a quote (a purchase-order number and the online acceptance, with the
// accepted document's facts and their SHA-256), why customers leave (churn feedback on a subscription), and
// the save offer ops configure per reason.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per quote that procurement touched. Accepting is an UPDATE … WHERE accepted_at IS NULL, so a
  // quote is accepted once; the PO number is frozen with it.
  await db.schema
    .createTable('quote_procurement')
    .addColumn('quote_id', 'text', (c) => c.primaryKey().references('quotes.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('purchase_order', 'text')
    .addColumn('purchase_order_updated_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('accepted_by_email', 'text')
    .addColumn('accepted_name', 'text')
    .addColumn('accepted_title', 'text')
    .addColumn('accepted_ip', 'text')
    .addColumn('accepted_user_agent', 'text')
    /** The facts of the document as accepted (canonical JSON) and the SHA-256 of exactly that text. */
    .addColumn('document_json', 'text')
    .addColumn('document_sha256', 'text')
    .execute();

  await db.schema
    .createTable('churn_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id'))
    /** 'auto_renew_off' | 'lapse'. */
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    /** The save offer shown with it, and what became of it: 'shown' | 'accepted' | 'declined'. */
    .addColumn('offer_kind', 'text')
    .addColumn('offer_outcome', 'text')
    .addColumn('quote_id', 'text', (c) => c.references('quotes.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('churn_feedback_subscription_idx')
    .on('churn_feedback')
    .columns(['subscription_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('churn_feedback_created_idx')
    .on('churn_feedback')
    .column('created_at')
    .execute();

  await db.schema
    .createTable('save_offers')
    .addColumn('reason', 'text', (c) => c.primaryKey())
    /** 'discount' (a 1-year renewal with an extra discount, capped by the pricing rules) | 'downgrade'. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('discount_bp', 'integer')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('save_offers').execute();
  await db.schema.dropTable('churn_feedback').execute();
  await db.schema.dropTable('quote_procurement').execute();
}
