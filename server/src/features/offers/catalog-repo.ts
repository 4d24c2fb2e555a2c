// SQL for the catalog: plans, their per-seat yearly prices per currency, and the history of price changes.

import type { DbOf } from '../../platform/db/slice.ts';

/** This repo's own tables (its slice of the schema): SQL on any other does not compile (decision 015). */
type DbOrTx = DbOf<'plans' | 'plan_prices' | 'plan_price_history'>;

export type PlanRow = Awaited<ReturnType<typeof listPlans>>[number];

export async function listPlans(db: DbOrTx) {
  return db.selectFrom('plans').selectAll().orderBy('tier_rank').orderBy('code').execute();
}

export async function findPlanByCode(db: DbOrTx, code: string) {
  return db.selectFrom('plans').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listPrices(db: DbOrTx) {
  return db.selectFrom('plan_prices').selectAll().orderBy('plan_id').orderBy('currency').execute();
}

export async function listPricesOfPlan(db: DbOrTx, planId: string) {
  return db.selectFrom('plan_prices').selectAll().where('plan_id', '=', planId).orderBy('currency').execute();
}

export async function upsertPrice(
  db: DbOrTx,
  price: { planId: string; currency: string; unitAmountMinor: number; nowIso: string },
): Promise<void> {
  await db
    .insertInto('plan_prices')
    .values({
      plan_id: price.planId,
      currency: price.currency,
      unit_amount_minor: price.unitAmountMinor,
      updated_at: price.nowIso,
    })
    .onConflict((oc) =>
      oc.columns(['plan_id', 'currency']).doUpdateSet({
        unit_amount_minor: price.unitAmountMinor,
        updated_at: price.nowIso,
      }),
    )
    .execute();
}

export async function insertPriceHistory(
  db: DbOrTx,
  entry: {
    id: string;
    planId: string;
    currency: string;
    unitAmountMinor: number;
    previousAmountMinor: number | null;
    effectiveAt: string;
    changedByUserId: string | null;
    changedByLabel: string;
  },
): Promise<void> {
  await db
    .insertInto('plan_price_history')
    .values({
      id: entry.id,
      plan_id: entry.planId,
      currency: entry.currency,
      unit_amount_minor: entry.unitAmountMinor,
      previous_amount_minor: entry.previousAmountMinor,
      effective_at: entry.effectiveAt,
      changed_by_user_id: entry.changedByUserId,
      changed_by_label: entry.changedByLabel,
    })
    .execute();
}

/** The most recent changes of a plan's prices, newest first. */
export async function listPriceHistory(db: DbOrTx, planId: string, limit: number) {
  return db
    .selectFrom('plan_price_history')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('effective_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
