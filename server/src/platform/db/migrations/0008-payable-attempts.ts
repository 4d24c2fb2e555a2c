// One payable attempt per subscription-term (issue 10, decision 010): every Checkout Session and every
// off-session PaymentIntent that can take money for a subscription's next term is a row here first, and a
// UNIQUE partial index lets at most one of them be open per (subscription, term). Plus what a payment that
// could not be applied needs (the refund's failure, for reconciliation), and a balance transaction's own
// settlement facts (exchange rate, the charge's own amount and currency) for accounts that settle in another
// currency than they charge.

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payable_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    // The term the money is for: the end of the term the quote was priced against (the quote's basis).
    .addColumn('term_end', 'text', (c) => c.notNull())
    // 'checkout' | 'off_session'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quote_id', 'text', (c) => c.notNull())
    // 'opening' (the Stripe call is under way) | 'open' (payable at Stripe) | 'closed'
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    // The exact parameters sent with the key, so a takeover repeats the same request (same key, same body).
    .addColumn('request_json', 'text')
    .addColumn('checkout_session_id', 'text')
    .addColumn('payment_intent_id', 'text')
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    // 'replaced' | 'expired' | 'paid' | 'declined' | 'requires_action' | 'create_failed' | 'withdrawn' | …
    .addColumn('close_reason', 'text')
    .execute();
  // The invariant itself: at most one attempt not closed per subscription-term (also on PostgreSQL).
  await db.schema
    .createIndex('payable_attempts_one_open_uq')
    .unique()
    .on('payable_attempts')
    .columns(['subscription_id', 'term_end'])
    .where(sql.ref('state'), '<>', 'closed')
    .execute();
  await db.schema
    .createIndex('payable_attempts_session_idx')
    .on('payable_attempts')
    .column('checkout_session_id')
    .execute();
  await db.schema
    .createIndex('payable_attempts_subscription_idx')
    .on('payable_attempts')
    .columns(['subscription_id', 'state'])
    .execute();

  // A succeeded payment that could not be applied is refunded; when that fails the reason is kept here and
  // reconciliation raises it.
  await db.schema.alterTable('payments').addColumn('unapplied_refund_error', 'text').execute();

  // Balance transactions in a settlement currency other than the charge's: Stripe's exchange_rate and the
  // charge's own amount and currency (from the expanded source).
  await db.schema.alterTable('stripe_balance_transactions').addColumn('exchange_rate', 'text').execute();
  await db.schema
    .alterTable('stripe_balance_transactions')
    .addColumn('source_amount_minor', 'integer')
    .execute();
  await db.schema.alterTable('stripe_balance_transactions').addColumn('source_currency', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('payable_attempts').ifExists().execute();
  await db.schema.alterTable('payments').dropColumn('unapplied_refund_error').execute();
  for (const column of ['exchange_rate', 'source_amount_minor', 'source_currency']) {
    await db.schema.alterTable('stripe_balance_transactions').dropColumn(column).execute();
  }
}
