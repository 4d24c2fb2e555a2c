// Issue 14 item 5: a customer admin lets a renewal lapse (decision 024). One row per decision, about one
// subscription-term (`term_end` is the last day + 1 of the term that will not be renewed). A decision stands
// while `state` is 'declined' and `term_end` is still the subscription's running term's end; it is 'undone' by
// the admin (reminders resume) or 'cleared' when the customer renews after all (a payment, auto-renew turned
// on again). At most one standing decision per subscription (a partial UNIQUE index, on both dialects).

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('renewal_lapses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('term_end', 'text', (c) => c.notNull())
    // 'declined' | 'undone' | 'cleared'
    .addColumn('state', 'text', (c) => c.notNull())
    // The churn feedback given on the same screen (retention), when the admin gave a reason.
    .addColumn('feedback_id', 'text')
    // Whether auto-renew was on and was turned off by this decision.
    .addColumn('turned_off_auto_renew', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_by_user_id', 'text')
    .addColumn('decided_by_label', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('ended_by_label', 'text')
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('renewal_lapses_one_standing_uq')
    .unique()
    .on('renewal_lapses')
    .column('subscription_id')
    .where(sql.ref('state'), '=', 'declined')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('renewal_lapses').execute();
}
