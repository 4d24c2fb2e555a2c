// Finance: Stripe's balance transactions and payouts pulled by the sync (with its resumable cursors, run log
// and lease), reconciliation runs with their lines and payout checks, and the exceptions finance resolves.

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stripe_balance_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('reporting_category', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('fee_minor', 'integer', (c) => c.notNull())
    .addColumn('net_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('source_id', 'text')
    .addColumn('source_type', 'text')
    .addColumn('charge_id', 'text')
    .addColumn('payment_intent_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('quote_id', 'text')
    .addColumn('payout_id', 'text')
    .addColumn('stripe_created_at', 'text', (c) => c.notNull())
    .addColumn('available_on', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stripe_bt_created_idx')
    .on('stripe_balance_transactions')
    .columns(['stripe_created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('stripe_bt_payout_idx')
    .on('stripe_balance_transactions')
    .columns(['payout_id', 'stripe_created_at', 'id'])
    .execute();
  // Reconciliation merges transactions with the portal's records by charge id and by source id, in order.
  await db.schema
    .createIndex('stripe_bt_source_idx')
    .on('stripe_balance_transactions')
    .columns(['source_id', 'stripe_created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('stripe_bt_charge_idx')
    .on('stripe_balance_transactions')
    .columns(['charge_id', 'stripe_created_at', 'id'])
    .execute();

  // The ledger lists payments, refunds and disputes newest first in keyset pages: one index each.
  await db.schema
    .createIndex('payments_occurred_idx')
    .on('payments')
    .expression(sql`coalesce(paid_at, created_at), id`)
    .execute();
  await db.schema.createIndex('payments_quote_idx').on('payments').column('quote_id').execute();
  await db.schema
    .createIndex('refunds_created_idx')
    .on('refunds')
    .columns(['stripe_created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('disputes_created_idx')
    .on('disputes')
    .columns(['stripe_created_at', 'id'])
    .execute();

  await db.schema
    .createTable('stripe_payouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_automatic', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('balance_transaction_id', 'text')
    .addColumn('failure_balance_transaction_id', 'text')
    .addColumn('failure_code', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('stripe_created_at', 'text', (c) => c.notNull())
    .addColumn('arrival_at', 'text', (c) => c.notNull())
    .addColumn('transactions_linked_at', 'text')
    .addColumn('link_resume_after', 'text')
    .addColumn('synced_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stripe_payouts_created_idx')
    .on('stripe_payouts')
    .columns(['stripe_created_at', 'id'])
    .execute();

  await db.schema
    .createTable('finance_sync_streams')
    .addColumn('stream', 'text', (c) => c.primaryKey())
    .addColumn('cursor_created', 'integer')
    .addColumn('window_gte', 'integer')
    .addColumn('window_lte', 'integer')
    .addColumn('resume_after', 'text')
    .addColumn('last_completed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('finance_sync_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('requests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rate_limited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transactions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payouts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('finance_sync_runs_started_idx')
    .on('finance_sync_runs')
    .column('started_at')
    .execute();

  await db.schema
    .createTable('finance_locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('finance_recon_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('horizon', 'text')
    .addColumn('transaction_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counts_json', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text')
    .addColumn('previous_fingerprint', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('finance_recon_runs_status_idx')
    .on('finance_recon_runs')
    .columns(['status', 'finished_at'])
    .execute();

  // Lines are written in the order the matching emits them (by charge id), so both indexes grow at their end
  // (a million lines a run): a payout's lines are found through its transactions, invoices by payment.
  await db.schema
    .createTable('finance_recon_lines')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('charge_id', 'text')
    .addColumn('txn_id', 'text')
    .addColumn('txn_type', 'text')
    .addColumn('stripe_amount_minor', 'integer')
    .addColumn('stripe_fee_minor', 'integer')
    .addColumn('stripe_net_minor', 'integer')
    .addColumn('stripe_currency', 'text')
    .addColumn('portal_amount_minor', 'integer')
    .addColumn('portal_fee_minor', 'integer')
    .addColumn('portal_currency', 'text')
    .addColumn('payment_id', 'text')
    .addColumn('refund_id', 'text')
    .addColumn('dispute_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('payout_id', 'text')
    .addColumn('related_payment_id', 'text')
    .addPrimaryKeyConstraint('finance_recon_lines_pk', ['run_id', 'line_no'])
    .execute();
  await db.schema
    .createIndex('finance_recon_lines_charge_idx')
    .on('finance_recon_lines')
    .columns(['run_id', 'charge_id'])
    .execute();

  await db.schema
    .createTable('finance_recon_payouts')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('payout_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('transactions_net_minor', 'integer')
    .addColumn('transaction_count', 'integer', (c) => c.notNull())
    .addColumn('untraced_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('finance_recon_payouts_pk', ['run_id', 'payout_id'])
    .execute();

  await db.schema
    .createTable('finance_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('txn_id', 'text')
    .addColumn('stripe_amount_minor', 'integer')
    .addColumn('stripe_fee_minor', 'integer')
    .addColumn('stripe_currency', 'text')
    .addColumn('portal_amount_minor', 'integer')
    .addColumn('portal_fee_minor', 'integer')
    .addColumn('portal_currency', 'text')
    .addColumn('charge_id', 'text')
    .addColumn('payment_id', 'text')
    .addColumn('refund_id', 'text')
    .addColumn('dispute_id', 'text')
    .addColumn('related_payment_id', 'text')
    .addColumn('payout_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_run_id', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by_user_id', 'text')
    .addColumn('resolved_by_label', 'text')
    .addColumn('resolution_note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('finance_exceptions_state_idx')
    .on('finance_exceptions')
    .columns(['is_current', 'status', 'class'])
    .execute();
  await db.schema
    .createIndex('finance_exceptions_payment_idx')
    .on('finance_exceptions')
    .column('payment_id')
    .execute();
  await db.schema
    .createIndex('finance_exceptions_charge_idx')
    .on('finance_exceptions')
    .column('charge_id')
    .execute();
  await db.schema
    .createIndex('finance_exceptions_run_idx')
    .on('finance_exceptions')
    .column('last_run_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'finance_exceptions',
    'finance_recon_payouts',
    'finance_recon_lines',
    'finance_recon_runs',
    'finance_locks',
    'finance_sync_runs',
    'finance_sync_streams',
    'stripe_payouts',
    'stripe_balance_transactions',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  for (const index of [
    'payments_occurred_idx',
    'payments_quote_idx',
    'refunds_created_idx',
    'disputes_created_idx',
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
}
