// Offers and quotes: versioned pricing rules, the history of catalog price changes, quotes with their frozen
// lines, and the per-year counter that gives quotes gapless human numbers.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pricing_rule_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('rules_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by_user_id', 'text')
    .addColumn('published_by_label', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plan_price_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('unit_amount_minor', 'integer', (c) => c.notNull())
    .addColumn('previous_amount_minor', 'integer')
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addColumn('changed_by_user_id', 'text')
    .addColumn('changed_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_price_history_plan_idx')
    .on('plan_price_history')
    .columns(['plan_id', 'currency', 'effective_at'])
    .execute();

  await db.schema
    .createTable('quote_number_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('quotes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('subscription_id', 'text', (c) =>
      c.notNull().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('offer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('plan_code', 'text', (c) => c.notNull())
    .addColumn('plan_name', 'text', (c) => c.notNull())
    .addColumn('plan_tier_rank', 'integer', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('term_years', 'integer')
    .addColumn('term_start', 'text', (c) => c.notNull())
    .addColumn('term_end', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('lines_json', 'text', (c) => c.notNull())
    .addColumn('list_minor', 'integer', (c) => c.notNull())
    .addColumn('savings_minor', 'integer', (c) => c.notNull())
    .addColumn('savings_basis_points', 'integer', (c) => c.notNull())
    .addColumn('credit_minor', 'integer', (c) => c.notNull())
    .addColumn('tax_minor', 'integer', (c) => c.notNull())
    .addColumn('total_minor', 'integer', (c) => c.notNull())
    .addColumn('price_per_year_minor', 'integer')
    .addColumn('contract_unit_price_minor', 'integer', (c) => c.notNull())
    .addColumn('rules_version', 'integer', (c) => c.notNull())
    .addColumn('basis_plan_id', 'text', (c) => c.notNull())
    .addColumn('basis_plan_code', 'text', (c) => c.notNull())
    .addColumn('basis_plan_name', 'text', (c) => c.notNull())
    .addColumn('basis_seats', 'integer', (c) => c.notNull())
    .addColumn('basis_term_start', 'text', (c) => c.notNull())
    .addColumn('basis_term_end', 'text', (c) => c.notNull())
    .addColumn('subscription_label', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_by_email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .addColumn('superseded_by_quote_id', 'text')
    .addColumn('paid_at', 'text')
    .execute();
  await db.schema
    .createIndex('quotes_subscription_status_idx')
    .on('quotes')
    .columns(['subscription_id', 'status'])
    .execute();
  await db.schema
    .createIndex('quotes_account_created_idx')
    .on('quotes')
    .columns(['account_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['quotes', 'quote_number_counters', 'plan_price_history', 'pricing_rule_versions']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
