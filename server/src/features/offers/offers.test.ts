// Offers through the real app: what each demo subscription is offered, priced by hand from DESIGN.md §4, on
// the harness clock (2026-11-23T12:00Z). Sales workspace: Professional, 45 seats, $480.00 per seat-year,
// term 2026-01-26 → 2027-01-26 (64 days left).

import type { TOffer, TOffersResponse } from '@portal/shared/schemas/offers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

async function offersOf(email: string, path: string) {
  const client = await ctx.signedIn(email);
  const response = await client.get(path);
  return { response, body: (await response.json()) as TOffersResponse };
}

function renewable(body: TOffersResponse) {
  if (!body.renewable) throw new Error(`not renewable: ${body.reason}`);
  return body;
}

const totals = (offers: TOffer[]) => Object.fromEntries(offers.map((o) => [o.id, o.total.amountMinor]));

describe('offers for a subscription in its renewal window', () => {
  it('renews for 1, 2 or 3 years with early renewal, and upgrades with the unused value credited', async () => {
    const { response, body } = await offersOf(
      'alex@northwind.example',
      '/api/subscriptions/sub_nw_sales/offers',
    );
    expect(response.status).toBe(200);
    const offers = renewable(body);
    expect(offers.rulesVersion).toBe(1);
    expect(offers.seats).toBe(45);
    expect(totals(offers.offers)).toEqual({
      // 21,600.00 − 5 % early
      'renew:professional:1y:45': 2_052_000,
      // 43,200.00 − 8 % − 5 %
      'renew:professional:2y:45': 3_758_400,
      // 64,800.00 − 15 % − 5 %
      'renew:professional:3y:45': 5_184_000,
      // Enterprise starts at 50 seats: 42,000.00 − 5 % incentive − 21,600.00 × 64/365 credit (3,787.40)
      'upgrade:enterprise:1y:50': 3_611_260,
      // 84,000.00 − 8 % − 5 % − 3,787.40
      'upgrade:enterprise:2y:50': 6_929_260,
      // 126,000.00 − 15 % − 5 % − 3,787.40
      'upgrade:enterprise:3y:50': 9_701_260,
    });
    const threeYears = offers.offers.find((o) => o.id === 'renew:professional:3y:45');
    expect(threeYears).toMatchObject({
      kind: 'renew',
      termYears: 3,
      termStart: '2027-01-26',
      termEnd: '2030-01-26',
      recommended: true,
      list: { amountMinor: 6_480_000, currency: 'USD' },
      savings: { amountMinor: 1_296_000, currency: 'USD' },
      savingsBasisPoints: 2000,
      pricePerYear: { amountMinor: 1_728_000, currency: 'USD' },
      validUntil: '2026-12-07T12:00:00.000Z',
    });
    expect(threeYears?.lines.map((l) => (l.code === 'discount' ? l.reason : l.code))).toEqual([
      'list',
      'multi_year',
      'early_renewal',
      'tax',
    ]);
    expect(offers.offers.filter((o) => o.recommended)).toHaveLength(1);

    const upgrade = offers.offers.find((o) => o.id === 'upgrade:enterprise:1y:50');
    expect(upgrade).toMatchObject({ termStart: '2026-11-23', termEnd: '2027-11-23', seats: 50 });
    expect(upgrade?.plan.features).toContain('sso');
    expect(upgrade?.lines.find((l) => l.code === 'proration_credit')).toMatchObject({
      amountMinor: -378_740,
      remainingDays: 64,
      termDays: 365,
    });
  });

  it('re-prices for another seat count and offers adding the seats now', async () => {
    const { body } = await offersOf(
      'alex@northwind.example',
      '/api/subscriptions/sub_nw_sales/offers?seats=60',
    );
    const offers = renewable(body);
    expect(offers.seats).toBe(60);
    const byId = totals(offers.offers);
    // 480.00 × 60 = 28,800.00 − 5 %
    expect(byId['renew:professional:1y:60']).toBe(2_736_000);
    // 15 more seats for 64 of 365 days: 480.00 × 15 × 64 / 365 = 1,262.465… → 1,262.47
    expect(byId['seats:professional:60']).toBe(126_247);
    const seats = offers.offers.find((o) => o.kind === 'seats');
    expect(seats).toMatchObject({
      termYears: null,
      termStart: '2026-11-23',
      termEnd: '2027-01-26',
      pricePerYear: null,
    });
  });

  it('lets a member see the offers', async () => {
    const { response } = await offersOf('morgan@northwind.example', '/api/subscriptions/sub_nw_sales/offers');
    expect(response.status).toBe(200);
  });

  it('prices zero-decimal currencies in whole units (Kumo Systems, JPY)', async () => {
    const { body } = await offersOf('haruka@kumo.example', '/api/subscriptions/sub_km_main/offers');
    const offers = renewable(body);
    // Enterprise is the top plan: renewals only. ¥126,000 × 150 = ¥18,900,000; 110 days left: early.
    expect(totals(offers.offers)).toEqual({
      'renew:enterprise:1y:150': 17_955_000,
      'renew:enterprise:2y:150': 32_886_000,
      'renew:enterprise:3y:150': 45_360_000,
    });
    expect(offers.offers.every((o) => o.total.currency === 'JPY')).toBe(true);
  });
});

describe('offers around expiry', () => {
  it('in grace: the renewal continues from the old term_end; the offer is valid until grace ends', async () => {
    // Warehouse team: Starter, 12 seats, term_end 2026-11-17 (6 days ago), grace until 2026-11-30 inclusive.
    const { body } = await offersOf('alex@northwind.example', '/api/subscriptions/sub_nw_warehouse/offers');
    const offers = renewable(body);
    const renewal = offers.offers.find((o) => o.id === 'renew:starter:1y:12');
    expect(renewal).toMatchObject({
      termStart: '2026-11-17',
      termEnd: '2027-11-17',
      total: { amountMinor: 288_000 },
      validUntil: '2026-12-01T00:00:00.000Z',
    });
    // No credit: the term has ended. Professional 12 seats → its minimum of 10 is met.
    const upgrade = offers.offers.find((o) => o.id === 'upgrade:professional:1y:12');
    expect(upgrade?.lines.some((l) => l.code === 'proration_credit')).toBe(false);
    expect(upgrade?.total.amountMinor).toBe(547_200); // 480.00 × 12 − 5 %
  });

  it('in grace: seats cannot be added to the ended term', async () => {
    const { body } = await offersOf(
      'alex@northwind.example',
      '/api/subscriptions/sub_nw_warehouse/offers?seats=20',
    );
    expect(renewable(body).offers.some((o) => o.kind === 'seats')).toBe(false);
  });

  it('expired within the limit: the renewal starts today', async () => {
    // Legacy analytics ended 75 days ago; renewable up to 90 days after term_end.
    const { body } = await offersOf('alex@northwind.example', '/api/subscriptions/sub_nw_legacy/offers');
    const renewal = renewable(body).offers.find((o) => o.id === 'renew:starter:1y:8');
    // Starter's minimum is 5 seats; 8 × 240.00
    expect(renewal).toMatchObject({
      termStart: '2026-11-23',
      termEnd: '2027-11-23',
      total: { amountMinor: 192_000 },
    });
  });

  it('expired past the limit: says why instead of offering', async () => {
    ctx.clock.set('2026-12-09T12:00:00.000Z'); // Legacy analytics: 91 days after term_end
    const { response, body } = await offersOf(
      'alex@northwind.example',
      '/api/subscriptions/sub_nw_legacy/offers',
    );
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ renewable: false, reason: 'expired_too_long' });
  });

  it('cancelled: says why', async () => {
    const { body } = await offersOf('alex@northwind.example', '/api/subscriptions/sub_nw_pilot/offers');
    expect(body).toMatchObject({
      renewable: false,
      reason: 'cancelled',
      subscription: { id: 'sub_nw_pilot' },
    });
  });

  it('loses the early-renewal discount when fewer than 60 days are left', async () => {
    ctx.clock.set('2026-11-28T12:00:00.000Z'); // 59 days before 2027-01-26
    const { body } = await offersOf('alex@northwind.example', '/api/subscriptions/sub_nw_sales/offers');
    expect(totals(renewable(body).offers)['renew:professional:1y:45']).toBe(2_160_000);
  });
});

describe('bad offer requests', () => {
  it.each(['-5', '0', '1.5', 'abc', '9999999'])('answers 400 to seats=%s', async (seats) => {
    const alex = await ctx.signedIn('alex@northwind.example');
    const response = await alex.get(`/api/subscriptions/sub_nw_sales/offers?seats=${seats}`);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('validation_failed');
  });

  it.each(['9', '501'])('answers 422 to seats=%s outside Professional’s 10–500', async (seats) => {
    const alex = await ctx.signedIn('alex@northwind.example');
    const response = await alex.get(`/api/subscriptions/sub_nw_sales/offers?seats=${seats}`);
    expect(response.status).toBe(422);
    expect(await errorCode(response)).toBe('rule_violated');
  });

  it('answers 404 for another account’s subscription, as for one that does not exist', async () => {
    const liWei = await ctx.signedIn('li.wei@harbor.example');
    for (const id of ['sub_nw_sales', 'sub_nope']) {
      const response = await liWei.get(`/api/subscriptions/${id}/offers`);
      expect(response.status).toBe(404);
      expect(await errorCode(response)).toBe('not_found');
    }
  });

  it('refuses staff and signed-out callers', async () => {
    expect((await ctx.client().get('/api/subscriptions/sub_nw_sales/offers')).status).toBe(401);
    const ops = await ctx.signedIn('ops@vendor.example');
    expect((await ops.get('/api/subscriptions/sub_nw_sales/offers')).status).toBe(403);
  });
});
