// Issue 13 item 5 (decision 019): outbound events. The feed's order (`event_feed`: a position given to each
// committed event by one sequencer at a time, so an event committed late on PostgreSQL still gets a position
// after everything already read), the sequencer's state, ops' webhook endpoints, one delivery per event and
// endpoint (state and lease in the database, so a delivery whose process died is sent again) and each attempt.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_feed')
    // 1, 2, 3 … in the order the sequencer saw the events commit; the feed's cursor.
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('event_seq', 'integer', (c) => c.notNull().unique())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('positioned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('event_sequencer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Every event with seq <= scan_from_seq has a position (or never committed): the sequencer looks above it.
    .addColumn('scan_from_seq', 'integer', (c) => c.notNull())
    // The highest seq seen at candidate_at (wall clock); it becomes scan_from_seq once no transaction that
    // began before then can still be open (the commit horizon).
    .addColumn('candidate_seq', 'integer', (c) => c.notNull())
    .addColumn('candidate_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // JSON array of event types; [] = every type.
    .addColumn('event_types_json', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // null | 'ops' | 'failing' (auto-disabled after persistent failure)
    .addColumn('disabled_reason', 'text')
    .addColumn('secret', 'text', (c) => c.notNull())
    // After a rotation the old secret still signs, beside the new one, until previous_secret_expires_at.
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_expires_at', 'text')
    // The first failed attempt since the last success (null while healthy).
    .addColumn('failing_since', 'text')
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('endpoint_id', 'text', (c) => c.notNull())
    // null for a test event.
    .addColumn('event_id', 'text')
    // `webhook-id`: the event's id, so a receiver dedupes a retry or a replay.
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    // 'event' | 'replay' | 'test'
    .addColumn('trigger', 'text', (c) => c.notNull())
    // 'pending' | 'sending' | 'succeeded' | 'failed'
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempt_count', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    // While 'sending': the sender's lease; past it, the sender is taken for dead and the delivery is sent again.
    .addColumn('lease_until', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due_idx')
    .on('webhook_deliveries')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_endpoint_idx')
    .on('webhook_deliveries')
    .columns(['endpoint_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('response_excerpt', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_attempts_delivery_idx')
    .on('webhook_attempts')
    .columns(['delivery_id', 'attempt'])
    .execute();
  // subscription.expired is derived (no change writes it): recorded once per subscription and term end.
  await db.schema
    .createTable('subscription_expiries')
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('term_end', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_expiries_pk', ['subscription_id', 'term_end'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'subscription_expiries',
    'webhook_attempts',
    'webhook_deliveries',
    'webhook_endpoints',
    'event_sequencer',
    'event_feed',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
