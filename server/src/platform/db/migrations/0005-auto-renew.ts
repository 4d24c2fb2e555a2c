// Auto-renew and the renewal run: the job ledger (one row per action, keyed before acting) and the job runs;
// each term's automatic renewal with its dunning state; the notices (scheduled auto-renew notices and the
// reminders sent); the consents kept as given; the saved cards' display details.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('for_date', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('stats_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('job_runs_job_started_idx')
    .on('job_runs')
    .columns(['job', 'started_at'])
    .execute();

  await db.schema
    .createTable('job_ledger')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('detail_json', 'text')
    .execute();

  await db.schema
    .createTable('auto_renewals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) =>
      c.notNull().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('term_end', 'text', (c) => c.notNull())
    .addColumn('term_years', 'integer', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('quote_id', 'text')
    .addColumn('honoured_total_minor', 'integer')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_attempt_date', 'text')
    .addColumn('due_date', 'text')
    .addColumn('deferred_until', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_message', 'text')
    .addColumn('last_payment_intent_id', 'text')
    .addColumn('payment_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('auto_renewals_subscription_term_uq', ['subscription_id', 'term_end'])
    .execute();
  // The run finds what is due by this (closed renewals have no due date); ops list what needs attention.
  await db.schema.createIndex('auto_renewals_due_idx').on('auto_renewals').column('due_date').execute();
  await db.schema
    .createIndex('auto_renewals_state_idx')
    .on('auto_renewals')
    .columns(['state', 'updated_at'])
    .execute();

  await db.schema
    .createTable('renewal_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) =>
      c.notNull().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('renewal_id', 'text')
    .addColumn('term_end', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('days_before', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('lead_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('policy_id', 'text')
    .addColumn('is_required', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer')
    .addColumn('currency', 'text')
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('renewal_notices_uq', ['subscription_id', 'term_end', 'kind', 'days_before'])
    .execute();
  await db.schema
    .createIndex('renewal_notices_due_idx')
    .on('renewal_notices')
    .columns(['status', 'due_date'])
    .execute();
  await db.schema
    .createIndex('renewal_notices_sent_idx')
    .on('renewal_notices')
    .columns(['subscription_id', 'sent_at'])
    .execute();

  // Consents are evidence: kept whatever happens to the subscription (no foreign key, no cascade).
  await db.schema
    .createTable('auto_renew_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('term_years', 'integer')
    .addColumn('amount_minor', 'integer')
    .addColumn('currency', 'text')
    .addColumn('quote_id', 'text')
    .addColumn('terms_text', 'text')
    .addColumn('terms_hash', 'text')
    .addColumn('locale', 'text')
    .addColumn('payment_method_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('auto_renew_consents_subscription_idx')
    .on('auto_renew_consents')
    .columns(['subscription_id', 'at'])
    .execute();

  await db.schema
    .createTable('payment_method_cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('brand', 'text', (c) => c.notNull())
    .addColumn('last4', 'text', (c) => c.notNull())
    .addColumn('exp_month', 'integer')
    .addColumn('exp_year', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'payment_method_cards',
    'auto_renew_consents',
    'renewal_notices',
    'auto_renewals',
    'job_ledger',
    'job_runs',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
