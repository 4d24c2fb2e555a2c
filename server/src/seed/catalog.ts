// The vendor's catalog: three plans, priced per seat per year in USD, EUR, CNY and JPY (minor units).

import type { DbOrTx } from '../platform/db/connection.ts';
import { toJson } from '../platform/db/json.ts';

export const DEMO_PLANS = [
  {
    id: 'plan_starter',
    code: 'starter',
    name: 'Starter',
    tierRank: 1,
    description: 'Core workflows and reporting for small teams.',
    minSeats: 5,
    maxSeats: 50,
    coreModules: ['workflows', 'reports'],
    features: ['workflows', 'reports', 'email_support'],
    prices: { USD: 24_000, EUR: 22_000, CNY: 160_000, JPY: 36_000 },
  },
  {
    id: 'plan_professional',
    code: 'professional',
    name: 'Professional',
    tierRank: 2,
    description: 'Automations and integrations for growing operations.',
    minSeats: 10,
    maxSeats: 500,
    coreModules: ['workflows', 'reports', 'automations', 'integrations'],
    features: ['workflows', 'reports', 'automations', 'integrations', 'email_support', 'priority_support'],
    prices: { USD: 48_000, EUR: 44_000, CNY: 320_000, JPY: 72_000 },
  },
  {
    id: 'plan_enterprise',
    code: 'enterprise',
    name: 'Enterprise',
    tierRank: 3,
    description: 'Governance, single sign-on and a named success manager.',
    minSeats: 50,
    maxSeats: 5000,
    coreModules: ['workflows', 'reports', 'automations', 'integrations', 'audit', 'sso'],
    features: [
      'workflows',
      'reports',
      'automations',
      'integrations',
      'audit',
      'sso',
      'email_support',
      'priority_support',
      'success_manager',
    ],
    prices: { USD: 84_000, EUR: 78_000, CNY: 560_000, JPY: 126_000 },
  },
] as const;

export type DemoPlanId = (typeof DEMO_PLANS)[number]['id'];

export async function seedCatalog(db: DbOrTx, nowIso: string): Promise<void> {
  for (const plan of DEMO_PLANS) {
    await db
      .insertInto('plans')
      .values({
        id: plan.id,
        code: plan.code,
        name: plan.name,
        tier_rank: plan.tierRank,
        description: plan.description,
        min_seats: plan.minSeats,
        max_seats: plan.maxSeats,
        core_modules: toJson(plan.coreModules),
        features: toJson(plan.features),
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    await db
      .insertInto('plan_prices')
      .values(
        Object.entries(plan.prices).map(([currency, unitAmountMinor]) => ({
          plan_id: plan.id,
          currency,
          unit_amount_minor: unitAmountMinor,
          updated_at: nowIso,
        })),
      )
      .execute();
  }
}

export function demoPrice(planId: DemoPlanId, currency: 'USD' | 'EUR' | 'CNY' | 'JPY'): number {
  const plan = DEMO_PLANS.find((p) => p.id === planId);
  if (!plan) throw new Error(`unknown plan ${planId}`);
  return plan.prices[currency];
}
