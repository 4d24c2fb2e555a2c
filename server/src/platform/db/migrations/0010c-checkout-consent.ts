// Issue 10 item 2: the consent an admin gives by ticking "renew automatically" at checkout is captured when
// the checkout starts (the terms the form showed, amount, currency, who, IP, user agent) and kept with the
// checkout session, so fulfilment records it from what the portal stored, never from the Stripe event.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('checkout_sessions').addColumn('consent_json', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('checkout_sessions').dropColumn('consent_json').execute();
}
