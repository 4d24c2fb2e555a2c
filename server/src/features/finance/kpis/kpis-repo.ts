// SQL behind the renewal KPIs: subscriptions whose current term ends in a period (not renewed yet: open or
// churned), the contract changes recorded in subscription history around the period, the fulfilments that
// paid for them (contract before and after, payment source, term), and today's auto-renew adoption.

import type { ReadsOf } from '../../../platform/db/slice.ts';

/** What these reads join (decision 015: finance reads other features' rows, never writes them). */
type Reads = ReadsOf<'fulfilments' | 'payments' | 'quotes' | 'subscription_events' | 'subscriptions'>;

/** Subscriptions whose current term ends between the two dates (inclusive). */
export async function listSubscriptionsEndingBetween(db: Reads, from: string, to: string) {
  return db
    .selectFrom('subscriptions')
    .select(['id', 'currency', 'seats', 'unit_price_minor', 'term_start', 'term_end', 'cancelled_at'])
    .where('term_end', '>=', from)
    .where('term_end', '<=', to)
    .orderBy('id')
    .execute();
}

/** Renewals, upgrades and seat additions recorded between two instants, with the subscription's contract now. */
export async function listContractEvents(db: Reads, fromIso: string, toIso: string) {
  return db
    .selectFrom('subscription_events as e')
    .innerJoin('subscriptions as s', 's.id', 'e.subscription_id')
    .select([
      'e.id',
      'e.subscription_id',
      'e.type',
      'e.at',
      'e.data',
      's.currency',
      's.seats as current_seats',
      's.unit_price_minor as current_unit_price_minor',
    ])
    .where('e.type', 'in', ['renewed', 'upgraded', 'seats_added'])
    .where('e.at', '>=', fromIso)
    .where('e.at', '<', toIso)
    .orderBy('e.subscription_id')
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

/** Fulfilled payments between two instants: the contract before and after, how it was paid, for how long. */
export async function listFulfilments(db: Reads, fromIso: string, toIso: string) {
  return db
    .selectFrom('fulfilments as f')
    .innerJoin('payments as p', 'p.id', 'f.payment_id')
    .leftJoin('quotes as q', 'q.id', 'f.quote_id')
    .select([
      'f.payment_id',
      'f.subscription_id',
      'f.kind',
      'f.before_json',
      'f.after_json',
      'p.source',
      'p.paid_at',
      'q.term_years',
    ])
    .where('f.fulfilled_at', '>=', fromIso)
    .where('f.fulfilled_at', '<', toIso)
    .execute();
}

/** Subscriptions still in service today (not cancelled, not past grace), and how many renew automatically. */
export async function countLiveSubscriptions(db: Reads, firstLiveTermEnd: string) {
  const row = await db
    .selectFrom('subscriptions')
    .select((eb) => [
      eb.fn.countAll<number>().as('live'),
      eb.fn.sum<number>('auto_renew_enabled').as('enabled'),
    ])
    .where('cancelled_at', 'is', null)
    .where('term_end', '>=', firstLiveTermEnd)
    .executeTakeFirst();
  return { live: Number(row?.live ?? 0), enabled: Number(row?.enabled ?? 0) };
}
