// Ops edit the catalog's prices and publish pricing-rule versions: validated, role-checked, audited, and
// never touching a quote.

import type { TOpsCatalogPlan, TPricingRulesVersion } from '@portal/shared/schemas/offers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestClient, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let ops: TestClient;
beforeEach(async () => {
  ctx = await createTestContext();
  ops = await ctx.signedIn('ops@vendor.example');
});
afterEach(async () => {
  await ctx.dispose();
});

const PRICES = '/api/ops/catalog/plans/professional/prices';

async function auditActions() {
  return (
    await ctx.db.selectFrom('audit_events').select(['action', 'entity_id']).orderBy('at').execute()
  ).map((a) => `${a.action} ${a.entity_id}`);
}

describe('the catalog', () => {
  it('lists plans with their prices per currency and the seeded history', async () => {
    const response = await ops.get('/api/ops/catalog');
    expect(response.status).toBe(200);
    const { plans } = (await response.json()) as { plans: TOpsCatalogPlan[] };
    expect(plans.map((p) => [p.code, p.tierRank, p.minSeats, p.maxSeats])).toEqual([
      ['starter', 1, 5, 50],
      ['professional', 2, 10, 500],
      ['enterprise', 3, 50, 5000],
    ]);
    expect(plans[2]?.prices).toEqual(
      expect.arrayContaining([
        { currency: 'USD', amountMinor: 84_000 },
        { currency: 'JPY', amountMinor: 126_000 },
      ]),
    );
    expect(plans[0]?.history).toHaveLength(4);
  });

  it('changes prices from major-unit decimals, exactly, with history and one audit event per change', async () => {
    ctx.clock.set('2026-11-23T12:05:00.000Z');
    const response = await ops.put(PRICES, {
      prices: [
        { currency: 'usd', amount: '495.50' },
        { currency: 'JPY', amount: '75000' },
        { currency: 'EUR', amount: '440.00' }, // unchanged
      ],
    });
    expect(response.status).toBe(200);
    const { plan } = (await response.json()) as { plan: TOpsCatalogPlan };
    expect(plan.prices).toEqual(
      expect.arrayContaining([
        { currency: 'USD', amountMinor: 49_550 },
        { currency: 'JPY', amountMinor: 75_000 },
        { currency: 'EUR', amountMinor: 44_000 },
      ]),
    );
    expect(
      plan.history
        .slice(0, 2)
        .map((h) => [h.currency, h.previousAmountMinor, h.amountMinor])
        .sort(),
    ).toEqual([
      ['JPY', 72_000, 75_000],
      ['USD', 48_000, 49_550],
    ]);
    expect((await auditActions()).sort()).toEqual([
      'catalog.price_changed plan_professional:JPY',
      'catalog.price_changed plan_professional:USD',
    ]);
  });

  it('can price a plan in a new currency', async () => {
    ctx.clock.set('2026-11-23T12:05:00.000Z');
    const response = await ops.put(PRICES, { prices: [{ currency: 'GBP', amount: '380' }] });
    const { plan } = (await response.json()) as { plan: TOpsCatalogPlan };
    expect(plan.prices).toContainEqual({ currency: 'GBP', amountMinor: 38_000 });
    expect(plan.history[0]).toMatchObject({ currency: 'GBP', previousAmountMinor: null });
  });

  it.each([
    ['decimals JPY does not have', [{ currency: 'JPY', amount: '72000.5' }]],
    ['three decimals for USD', [{ currency: 'USD', amount: '480.001' }]],
    ['a zero price', [{ currency: 'USD', amount: '0' }]],
    ['a negative price', [{ currency: 'USD', amount: '-480' }]],
    ['a number instead of text', [{ currency: 'USD', amount: 480 }]],
    [
      'a currency twice',
      [
        { currency: 'USD', amount: '480' },
        { currency: 'usd', amount: '490' },
      ],
    ],
    ['no prices', []],
  ])('refuses %s with 400 and changes nothing', async (_name, prices) => {
    const response = await ops.put(PRICES, { prices });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('validation_failed');
    expect(await auditActions()).toEqual([]);
  });

  it('answers 404 for an unknown plan', async () => {
    const response = await ops.put('/api/ops/catalog/plans/platinum/prices', {
      prices: [{ currency: 'USD', amount: '1' }],
    });
    expect(response.status).toBe(404);
  });

  it('is for ops only', async () => {
    for (const email of ['alex@northwind.example', 'finance@vendor.example']) {
      const client = await ctx.signedIn(email);
      expect((await client.get('/api/ops/catalog')).status).toBe(403);
      expect((await client.put(PRICES, { prices: [{ currency: 'USD', amount: '1' }] })).status).toBe(403);
    }
    expect((await ctx.client().get('/api/ops/catalog')).status).toBe(401);
    const price = await ctx.db
      .selectFrom('plan_prices')
      .select('unit_amount_minor')
      .where('plan_id', '=', 'plan_professional')
      .where('currency', '=', 'USD')
      .executeTakeFirstOrThrow();
    expect(price.unit_amount_minor).toBe(48_000);
  });
});

describe('pricing rules', () => {
  async function current() {
    const response = await ops.get('/api/ops/pricing-rules');
    expect(response.status).toBe(200);
    return (await response.json()) as { current: TPricingRulesVersion; history: TPricingRulesVersion[] };
  }

  it('starts at version 1 with the DESIGN.md defaults', async () => {
    const { current: v1, history } = await current();
    expect(v1).toMatchObject({
      version: 1,
      publishedBy: 'system:seed',
      rules: {
        multiYear: { twoYearsBp: 800, threeYearsBp: 1500 },
        earlyRenewal: { minDaysBeforeTermEnd: 60, discountBp: 500 },
        upgradeIncentiveBp: 500,
        maxTotalDiscountBp: 2500,
        quoteValidityDays: 14,
        renewableDaysAfterTermEnd: 90,
      },
    });
    expect(history).toHaveLength(1);
  });

  it('publishes a new version on top of the current one, audited with before and after', async () => {
    const { current: v1 } = await current();
    const rules = { ...v1.rules, upgradeIncentiveBp: 1000 };
    const response = await ops.put('/api/ops/pricing-rules', {
      basedOnVersion: 1,
      rules,
      note: 'Upgrade push',
    });
    expect(response.status).toBe(200);
    const { current: v2, history } = await current();
    expect(v2).toMatchObject({ version: 2, rules, note: 'Upgrade push', publishedBy: 'ops@vendor.example' });
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    const audit = await ctx.db.selectFrom('audit_events').selectAll().executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'pricing_rules.published',
      entity_id: 'v2',
      actor_label: 'ops@vendor.example',
    });
    expect(JSON.parse(audit.before_json ?? '{}').rules.upgradeIncentiveBp).toBe(500);
    expect(JSON.parse(audit.after_json ?? '{}').rules.upgradeIncentiveBp).toBe(1000);

    // The offers use it at once: Enterprise 1 year for Sales workspace now has a 10 % incentive.
    const alex = await ctx.signedIn('alex@northwind.example');
    const offers = (await (await alex.get('/api/subscriptions/sub_nw_sales/offers')).json()) as {
      rulesVersion: number;
      offers: { id: string; total: { amountMinor: number } }[];
    };
    expect(offers.rulesVersion).toBe(2);
    // 42,000.00 − 10 % − 3,787.40
    expect(offers.offers.find((o) => o.id === 'upgrade:enterprise:1y:50')?.total.amountMinor).toBe(3_401_260);
  });

  it('refuses a publish based on an older version (409) or identical to the current one (422)', async () => {
    const { current: v1 } = await current();
    const changed = { ...v1.rules, maxTotalDiscountBp: 2000 };
    expect((await ops.put('/api/ops/pricing-rules', { basedOnVersion: 1, rules: changed })).status).toBe(200);
    const stale = await ops.put('/api/ops/pricing-rules', { basedOnVersion: 1, rules: v1.rules });
    expect(stale.status).toBe(409);
    expect(await errorCode(stale)).toBe('conflict');
    const same = await ops.put('/api/ops/pricing-rules', { basedOnVersion: 2, rules: changed });
    expect(same.status).toBe(422);
    expect((await current()).history).toHaveLength(2);
  });

  it.each([
    ['a fractional percentage', { upgradeIncentiveBp: 5.5 }],
    ['more than 100 %', { maxTotalDiscountBp: 10_001 }],
    ['a negative discount', { upgradeIncentiveBp: -100 }],
    ['an unknown rule', { loyaltyBp: 100 }],
    ['a zero-day quote', { quoteValidityDays: 0 }],
  ])('refuses %s with 400', async (_name, patch) => {
    const { current: v1 } = await current();
    const response = await ops.put('/api/ops/pricing-rules', {
      basedOnVersion: 1,
      rules: { ...v1.rules, ...patch },
    });
    expect(response.status).toBe(400);
    expect((await current()).current.version).toBe(1);
  });

  it('is for ops only', async () => {
    const { current: v1 } = await current();
    const alex = await ctx.signedIn('alex@northwind.example');
    expect((await alex.get('/api/ops/pricing-rules')).status).toBe(403);
    const response = await alex.put('/api/ops/pricing-rules', {
      basedOnVersion: 1,
      rules: { ...v1.rules, upgradeIncentiveBp: 0 },
    });
    expect(response.status).toBe(403);
    expect((await current()).current.version).toBe(1);
  });

  it('prices under built-in defaults (version 0) when no rules were ever published', async () => {
    await ctx.db.deleteFrom('pricing_rule_versions').execute();
    expect((await current()).current).toMatchObject({ version: 0, publishedAt: null });
    const published = await ops.put('/api/ops/pricing-rules', {
      basedOnVersion: 0,
      rules: { ...(await current()).current.rules, upgradeIncentiveBp: 0 },
    });
    expect(published.status).toBe(200);
    expect((await current()).current.version).toBe(1);
  });
});
