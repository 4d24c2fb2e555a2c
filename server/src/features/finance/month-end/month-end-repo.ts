// SQL of the month-end summary: the synced balance transactions of a period summed per currency and Stripe
// reporting category; the number of open exceptions.

import type { DbOf } from '../../../platform/db/slice.ts';

type Db = DbOf<'finance_exceptions' | 'stripe_balance_transactions'>;

export async function monthTotals(db: Db, fromIso: string, toIso: string) {
  return db
    .selectFrom('stripe_balance_transactions')
    .select((eb) => [
      'currency',
      'reporting_category',
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('amount_minor').as('amount_minor'),
      eb.fn.sum<number>('fee_minor').as('fee_minor'),
      eb.fn.sum<number>('net_minor').as('net_minor'),
    ])
    .where('stripe_created_at', '>=', fromIso)
    .where('stripe_created_at', '<', toIso)
    .groupBy(['currency', 'reporting_category'])
    .orderBy('currency')
    .execute();
}

export async function countOpenExceptions(db: Db): Promise<number> {
  const row = await db
    .selectFrom('finance_exceptions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('is_current', '=', 1)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export type MonthTotalRow = Awaited<ReturnType<typeof monthTotals>>[number];
