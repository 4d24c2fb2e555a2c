// The catalog as pricing reads it (plans with their prices per currency) and as ops edit it: a price change
// is recorded in the price history and the audit trail in one transaction, and never touches a quote (quotes
// keep their own frozen lines).

import { parseMajorToMinor } from '@portal/shared/money';
import type { TCatalogPlan, TOpsCatalogPlan, TUpdatePlanPricesRequest } from '@portal/shared/schemas/offers';
import { recordAudit } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import { fromJson } from '../../platform/db/json.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import * as repo from './catalog-repo.ts';

const HISTORY_PER_PLAN = 20;

export type PricedPlan = TCatalogPlan & {
  isActive: boolean;
  /** Per seat per year, minor units, by ISO currency code. */
  prices: Record<string, number>;
};

export function toCatalogPlan(row: repo.PlanRow): TCatalogPlan {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    tierRank: row.tier_rank,
    description: row.description,
    minSeats: row.min_seats,
    maxSeats: row.max_seats,
    coreModules: fromJson<string[]>(row.core_modules, []),
    features: fromJson<string[]>(row.features, []),
  };
}

/** Every plan with its prices, lowest tier first. */
export async function loadCatalog(db: DbOrTx): Promise<PricedPlan[]> {
  const [plans, prices] = await Promise.all([repo.listPlans(db), repo.listPrices(db)]);
  return plans.map((row) => ({
    ...toCatalogPlan(row),
    isActive: row.is_active === 1,
    prices: Object.fromEntries(
      prices.filter((p) => p.plan_id === row.id).map((p) => [p.currency, p.unit_amount_minor]),
    ),
  }));
}

async function toOpsPlan(db: DbOrTx, plan: PricedPlan): Promise<TOpsCatalogPlan> {
  const history = await repo.listPriceHistory(db, plan.id, HISTORY_PER_PLAN);
  return {
    ...plan,
    prices: Object.entries(plan.prices).map(([currency, amountMinor]) => ({ currency, amountMinor })),
    history: history.map((h) => ({
      currency: h.currency,
      amountMinor: h.unit_amount_minor,
      previousAmountMinor: h.previous_amount_minor,
      effectiveAt: h.effective_at,
      changedBy: h.changed_by_label,
    })),
  };
}

/** The catalog for the ops pricing page: plans, prices and their recent changes. */
export async function getOpsCatalog(deps: AppDeps): Promise<TOpsCatalogPlan[]> {
  const plans = await loadCatalog(deps.db);
  return Promise.all(plans.map((plan) => toOpsPlan(deps.db, plan)));
}

function parsePrices(input: TUpdatePlanPricesRequest): Map<string, number> {
  const parsed = new Map<string, number>();
  const fields: Record<string, string> = {};
  input.prices.forEach((price, index) => {
    if (parsed.has(price.currency)) {
      fields[`prices.${index}.currency`] = `${price.currency} is listed twice`;
      return;
    }
    try {
      const amountMinor = parseMajorToMinor(price.amount, price.currency);
      if (amountMinor <= 0) fields[`prices.${index}.amount`] = 'A price is more than zero';
      else parsed.set(price.currency, amountMinor);
    } catch (err) {
      fields[`prices.${index}.amount`] = err instanceof Error ? err.message : 'Not an amount';
    }
  });
  if (Object.keys(fields).length)
    throw new AppError('validation_failed', 'Some prices are not valid', { fields });
  return parsed;
}

/**
 * Sets a plan's per-seat yearly prices (major-unit decimals, converted exactly with each currency's exponent).
 * Each changed price writes a history row and an audit event in the same transaction; unchanged ones write
 * nothing. Existing quotes are untouched: they carry their own frozen lines.
 */
export async function updatePlanPrices(
  deps: AppDeps,
  actor: SessionUser,
  planCode: string,
  input: TUpdatePlanPricesRequest,
): Promise<TOpsCatalogPlan> {
  const prices = parsePrices(input);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const actorRef = { userId: actor.id, label: actor.email };
  return deps.db.transaction().execute(async (tx) => {
    const plan = await repo.findPlanByCode(tx, planCode);
    if (!plan) throw notFound('No such plan');
    const before = new Map(
      (await repo.listPricesOfPlan(tx, plan.id)).map((p) => [p.currency, p.unit_amount_minor]),
    );
    for (const [currency, unitAmountMinor] of prices) {
      const previous = before.get(currency) ?? null;
      if (previous === unitAmountMinor) continue;
      await repo.upsertPrice(tx, { planId: plan.id, currency, unitAmountMinor, nowIso });
      await repo.insertPriceHistory(tx, {
        id: newId('pph'),
        planId: plan.id,
        currency,
        unitAmountMinor,
        previousAmountMinor: previous,
        effectiveAt: nowIso,
        changedByUserId: actor.id,
        changedByLabel: actor.email,
      });
      await recordAudit(tx, {
        actor: actorRef,
        accountId: null,
        entityType: 'plan_price',
        entityId: `${plan.id}:${currency}`,
        action: 'catalog.price_changed',
        before: previous === null ? null : { currency, unitAmountMinor: previous },
        after: { currency, unitAmountMinor },
        at: now,
      });
    }
    const updated = (await loadCatalog(tx)).find((p) => p.id === plan.id);
    if (!updated) throw notFound('No such plan');
    return toOpsPlan(tx, updated);
  });
}
