// SQL of the renewal pipeline: subscriptions of every account whose term ends in a date range, with their
// account and plan. Cancelled subscriptions are not renewals and are left out.

import type { DbOrTx } from '../../platform/db/connection.ts';
import { containsText } from '../../platform/db/text-search.ts';

export async function listEndingBetween(
  db: DbOrTx,
  range: { firstTermEnd: string; lastTermEnd: string },
  q: string | undefined,
) {
  let query = db
    .selectFrom('subscriptions')
    .innerJoin('accounts', 'accounts.id', 'subscriptions.account_id')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .select([
      'subscriptions.id',
      'subscriptions.account_id',
      'subscriptions.label',
      'subscriptions.seats',
      'subscriptions.currency',
      'subscriptions.unit_price_minor',
      'subscriptions.term_end',
      'subscriptions.cancelled_at',
      'subscriptions.auto_renew_enabled',
      'accounts.name as account_name',
      'plans.name as plan_name',
      // The last renewal notice or reminder sent (auto-renew's notices table, by its subscription index).
      (eb) =>
        eb
          .selectFrom('renewal_notices')
          .select((n) => n.fn.max('renewal_notices.sent_at').as('sent_at'))
          .whereRef('renewal_notices.subscription_id', '=', 'subscriptions.id')
          .as('last_notice_sent_at'),
    ])
    .where('subscriptions.cancelled_at', 'is', null)
    .where('subscriptions.term_end', '>=', range.firstTermEnd)
    .where('subscriptions.term_end', '<=', range.lastTermEnd);
  if (q) {
    query = query.where((eb) =>
      eb.or([
        containsText(eb.ref('accounts.name'), q),
        containsText(eb.ref('subscriptions.label'), q),
        containsText(eb.ref('subscriptions.id'), q),
      ]),
    );
  }
  return query.orderBy('subscriptions.term_end').orderBy('subscriptions.id').execute();
}
