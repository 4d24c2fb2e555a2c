// When each subscription was last sent a renewal notice or reminder (the pipeline shows it): auto-renew's
// notices table, read by its subscription index in chunks.

import type { DbOrTx } from '../../platform/db/connection.ts';

const CHUNK = 500;

/** The latest `sent_at` of each subscription that was sent anything; absent subscriptions were sent nothing. */
export async function lastNoticesSentAt(
  db: DbOrTx,
  subscriptionIds: readonly string[],
): Promise<Map<string, string>> {
  const sent = new Map<string, string>();
  for (let i = 0; i < subscriptionIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('renewal_notices')
      .select((eb) => ['subscription_id', eb.fn.max('sent_at').as('sent_at')])
      .where('subscription_id', 'in', subscriptionIds.slice(i, i + CHUNK))
      .where('sent_at', 'is not', null)
      .groupBy('subscription_id')
      .execute();
    for (const row of rows) if (row.sent_at) sent.set(row.subscription_id, row.sent_at);
  }
  return sent;
}
