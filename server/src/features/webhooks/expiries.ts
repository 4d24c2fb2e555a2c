// subscription.expired is derived: no change writes it, a term simply ends without a renewal. The daily job
// looks at terms that ended in the last LOOKBACK_DAYS (so a day the job missed is caught up) and records the
// event once per subscription and term end (`subscription_expiries` is the record, in the event's transaction).
// A renewal moves term_end out before it, so a renewed term is never seen as ended; a cancelled contract has
// its own event (subscription.cancelled).

import { addDays, type CalendarDate } from '@portal/shared/dates';
import { recordEvent } from '../../platform/events/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { listSubscriptionContexts } from '../subscriptions/service.ts';
import * as repo from './repo.ts';

const LOOKBACK_DAYS = 30;
const PAGE = 500;

export async function recordExpiredTerms(
  deps: AppDeps,
  today: CalendarDate = deps.clock.today(),
): Promise<number> {
  let recorded = 0;
  let after: { termEnd: string; id: string } | null = null;
  for (;;) {
    const page = await listSubscriptionContexts(deps.db, {
      firstTermEnd: addDays(today, -LOOKBACK_DAYS),
      // term_end is exclusive: the term has ended on its term_end day.
      lastTermEnd: today,
      after,
      limit: PAGE,
    });
    for (const sub of page) {
      const isNew = await deps.db.transaction().execute(async (tx) => {
        const claimed = await repo.insertExpiry(tx, {
          subscription_id: sub.id,
          term_end: sub.term_end,
          event_id: '',
        });
        if (!claimed) return false;
        const eventId = await recordEvent(tx, {
          type: 'subscription.expired',
          accountId: sub.account_id,
          subject: { type: 'subscription', id: sub.id },
          data: {
            subscriptionId: sub.id,
            label: sub.label,
            plan: { code: sub.plan_code, name: sub.plan_name },
            seats: sub.seats,
            termStart: sub.term_start,
            termEnd: sub.term_end,
            lastDay: addDays(sub.term_end, -1),
          },
          at: deps.clock.now(),
        });
        await repo.setExpiryEvent(tx, { subscription_id: sub.id, term_end: sub.term_end, event_id: eventId });
        return true;
      });
      if (isNew) recorded++;
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) return recorded;
    after = { termEnd: last.term_end, id: last.id };
  }
}
