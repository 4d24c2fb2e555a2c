// Security (issue 11): credential-bearing e-mail bodies kept apart and dropped once sent; token expiry in real
// time as well as demo time; invitations kept apart from users (so inviting an address in use elsewhere
// answers like any other); Stripe events with a required id and the reason an event was ignored.

import { type Kysely, sql } from 'kysely';

const REDACTED_NOTE =
  'The link in this e-mail was removed: sign-in and invitation links are sent only to their recipient.';

export async function up(db: Kysely<unknown>): Promise<void> {
  // E-mail: `text_body`/`html_body` are what staff may read; the link-bearing copy lives in `private_*` only
  // until it is sent. Bodies stored before this migration carried live links: replace them.
  await db.schema.alterTable('email_outbox').addColumn('private_text_body', 'text').execute();
  await db.schema.alterTable('email_outbox').addColumn('private_html_body', 'text').execute();
  await sql`UPDATE email_outbox SET text_body = ${REDACTED_NOTE}, html_body = ${`<p>${REDACTED_NOTE}</p>`}
    WHERE template IN ('magic_link', 'invitation')`.execute(db);

  // One-time tokens also expire in real (wall-clock) time, so moving the demo clock back revives none.
  await db.schema.alterTable('auth_tokens').addColumn('wall_expires_at', 'text').execute();
  await sql`UPDATE auth_tokens SET wall_expires_at = expires_at`.execute(db);

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('wall_expires_at', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invitations_account_email_idx')
    .on('invitations')
    .columns(['account_id', 'email'])
    .unique()
    .execute();
  // Invited users of the old design become invitations (same token), then stop being users.
  await sql`INSERT INTO invitations (id, account_id, email, name, role, locale, token_hash, expires_at,
      wall_expires_at, invited_by, created_at)
    SELECT 'inv_' || substr(u.id, 5), u.account_id, u.email, u.name, u.role, u.locale, t.id, t.expires_at,
      t.expires_at, NULL, u.created_at
    FROM users u JOIN auth_tokens t ON t.user_id = u.id AND t.kind = 'invitation' AND t.used_at IS NULL
    WHERE u.status = 'invited' AND u.account_id IS NOT NULL`.execute(db);
  await sql`DELETE FROM users WHERE status = 'invited'`.execute(db);
  await sql`DELETE FROM auth_tokens WHERE kind = 'invitation'`.execute(db);

  // Stripe events: SQLite lets a TEXT PRIMARY KEY be NULL, so the table is rebuilt with `id NOT NULL`.
  await db.schema
    .createTable('stripe_events_new')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('livemode', 'integer', (c) => c.notNull())
    .addColumn('stripe_created_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('ignored_reason', 'text')
    .execute();
  await sql`INSERT INTO stripe_events_new (id, type, object_id, livemode, stripe_created_at, received_at,
      status, attempts, processed_at, last_error)
    SELECT id, type, object_id, livemode, stripe_created_at, received_at, status, attempts, processed_at,
      last_error FROM stripe_events WHERE id IS NOT NULL`.execute(db);
  await db.schema.dropTable('stripe_events').execute();
  await sql`ALTER TABLE stripe_events_new RENAME TO stripe_events`.execute(db);
  await db.schema
    .createIndex('stripe_events_status_idx')
    .on('stripe_events')
    .columns(['status', 'received_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invitations').ifExists().execute();
  await db.schema.alterTable('auth_tokens').dropColumn('wall_expires_at').execute();
  await db.schema.alterTable('email_outbox').dropColumn('private_html_body').execute();
  await db.schema.alterTable('email_outbox').dropColumn('private_text_body').execute();
  await db.schema.alterTable('stripe_events').dropColumn('ignored_reason').execute();
}
