// Quotes through the real app: freezing an offer, numbers, supersession, expiry on the moved clock, prices
// and rules changing underneath an open quote, tampered bodies, roles and account isolation.

import type { TOffersResponse, TQuote } from '@portal/shared/schemas/offers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestClient, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let alex: TestClient;
beforeEach(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
});
afterEach(async () => {
  await ctx.dispose();
});

const SALES = '/api/subscriptions/sub_nw_sales';
const THREE_YEARS = { kind: 'renew', planCode: 'professional', termYears: 3, seats: 45 };

async function quote(client: TestClient, body: unknown, path = SALES) {
  const response = await client.post(`${path}/quotes`, body);
  const json = (await response.json()) as { quote: TQuote };
  return { response, quote: json.quote };
}

async function getQuote(client: TestClient, id: string) {
  const response = await client.get(`/api/quotes/${id}`);
  return { response, quote: ((await response.json()) as { quote: TQuote }).quote };
}

/** Everything a quote request could write, to prove a refused one wrote nothing. */
async function writtenState() {
  const count = async (table: 'quotes' | 'audit_events' | 'subscription_events' | 'quote_number_counters') =>
    Number((await ctx.db.selectFrom(table).select(ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    quotes: await count('quotes'),
    audit: await count('audit_events'),
    events: await count('subscription_events'),
    counters: await count('quote_number_counters'),
  };
}

describe('making a quote', () => {
  it('freezes the chosen offer with a number, an expiry, a history event and an audit event', async () => {
    const offers = (await (await alex.get(`${SALES}/offers`)).json()) as TOffersResponse;
    const offer = offers.renewable
      ? offers.offers.find((o) => o.id === 'renew:professional:3y:45')
      : undefined;

    const { response, quote: made } = await quote(alex, THREE_YEARS);
    expect(response.status).toBe(201);
    expect(made).toMatchObject({
      number: 'Q-2026-000001',
      status: 'open',
      isPayable: true,
      offerId: 'renew:professional:3y:45',
      kind: 'renew',
      subscription: { id: 'sub_nw_sales', label: 'Sales workspace' },
      buyer: {
        accountName: 'Northwind Traders',
        requestedBy: 'Alex Rivera',
        requestedByEmail: 'alex@northwind.example',
      },
      plan: { code: 'professional' },
      fromPlan: { code: 'professional' },
      seats: 45,
      previousSeats: 45,
      termYears: 3,
      termStart: '2027-01-26',
      termEnd: '2030-01-26',
      currency: 'USD',
      total: { amountMinor: 5_184_000, currency: 'USD' },
      contractUnitPrice: { amountMinor: 38_400, currency: 'USD' },
      rulesVersion: 1,
      createdAt: '2026-11-23T12:00:00.000Z',
      expiresAt: '2026-12-07T12:00:00.000Z',
    });
    expect(made.lines).toEqual(offer?.lines);
    expect(made.total).toEqual(offer?.total);

    const { response: read, quote: again } = await getQuote(alex, made.id);
    expect(read.status).toBe(200);
    expect(again).toEqual(made);

    const history = await ctx.db
      .selectFrom('subscription_events')
      .selectAll()
      .where('subscription_id', '=', 'sub_nw_sales')
      .where('type', '=', 'quote.created')
      .execute();
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0]?.data ?? '{}')).toMatchObject({ number: 'Q-2026-000001', termYears: 3 });
    const audit = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', made.id)
      .execute();
    expect(audit.map((a) => [a.action, a.actor_label, a.account_id])).toEqual([
      ['quote.created', 'alex@northwind.example', 'acct_northwind'],
    ]);
  });

  it('quotes an upgrade with its proration credit and a seat addition for the rest of the term', async () => {
    const upgrade = await quote(alex, { kind: 'upgrade', planCode: 'enterprise', termYears: 1, seats: 50 });
    expect(upgrade.response.status).toBe(201);
    expect(upgrade.quote).toMatchObject({
      kind: 'upgrade',
      plan: { code: 'enterprise', name: 'Enterprise' },
      fromPlan: { code: 'professional' },
      termStart: '2026-11-23',
      termEnd: '2027-11-23',
      credit: { amountMinor: 378_740 },
      total: { amountMinor: 3_611_260 },
    });
    const seats = await quote(alex, { kind: 'seats', planCode: 'professional', seats: 60 });
    expect(seats.response.status).toBe(201);
    expect(seats.quote).toMatchObject({
      kind: 'seats',
      termYears: null,
      termStart: '2026-11-23',
      termEnd: '2027-01-26',
      total: { amountMinor: 126_247 },
      contractUnitPrice: { amountMinor: 48_000 },
    });
  });

  it('prices JPY quotes in whole yen', async () => {
    const haruka = await ctx.signedIn('haruka@kumo.example');
    const { response, quote: made } = await quote(
      haruka,
      { kind: 'renew', planCode: 'enterprise', termYears: 3, seats: 150 },
      '/api/subscriptions/sub_km_main',
    );
    expect(response.status).toBe(201);
    expect(made.total).toEqual({ amountMinor: 45_360_000, currency: 'JPY' });
  });

  it('lets a member read a quote but not make one', async () => {
    const { quote: made } = await quote(alex, THREE_YEARS);
    const morgan = await ctx.signedIn('morgan@northwind.example');
    expect((await getQuote(morgan, made.id)).response.status).toBe(200);
    const before = await writtenState();
    const response = await morgan.post(`${SALES}/quotes`, THREE_YEARS);
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('forbidden');
    expect(await writtenState()).toEqual(before);
  });

  it('keeps accounts apart: another account’s subscription and quote are 404, and nothing is written', async () => {
    const { quote: made } = await quote(alex, THREE_YEARS);
    const liWei = await ctx.signedIn('li.wei@harbor.example');
    const before = await writtenState();
    const response = await liWei.post(`${SALES}/quotes`, THREE_YEARS);
    expect(response.status).toBe(404);
    expect((await liWei.get(`/api/quotes/${made.id}`)).status).toBe(404);
    expect((await liWei.get(`${SALES}/quotes`)).status).toBe(404);
    expect((await alex.get('/api/quotes/quo_nope')).status).toBe(404);
    expect(await writtenState()).toEqual(before);
  });

  it('refuses staff and signed-out callers', async () => {
    expect((await ctx.client().post(`${SALES}/quotes`, THREE_YEARS)).status).toBe(401);
    const finance = await ctx.signedIn('finance@vendor.example');
    expect((await finance.post(`${SALES}/quotes`, THREE_YEARS)).status).toBe(403);
    expect(await writtenState()).toMatchObject({ quotes: 0 });
  });

  it('lists the subscription’s quotes, newest first', async () => {
    await quote(alex, { ...THREE_YEARS, termYears: 1 });
    await quote(alex, THREE_YEARS);
    const list = (await (await alex.get(`${SALES}/quotes`)).json()) as { quotes: TQuote[] };
    expect(list.quotes.map((q) => [q.number, q.status])).toEqual([
      ['Q-2026-000002', 'open'],
      ['Q-2026-000001', 'superseded'],
    ]);
  });
});

describe('tampered and bad bodies', () => {
  it('ignores every price field a client sends', async () => {
    const { response, quote: made } = await quote(alex, {
      ...THREE_YEARS,
      total: { amountMinor: 1, currency: 'USD' },
      totalMinor: 1,
      unitAmountMinor: 1,
      currency: 'JPY',
      lines: [{ code: 'list', amountMinor: 1 }],
      discountBp: 9999,
      rulesVersion: 99,
    });
    expect(response.status).toBe(201);
    expect(made.total).toEqual({ amountMinor: 5_184_000, currency: 'USD' });
    expect(made.rulesVersion).toBe(1);
    const row = await ctx.db.selectFrom('quotes').selectAll().executeTakeFirstOrThrow();
    expect([row.total_minor, row.currency]).toEqual([5_184_000, 'USD']);
  });

  const BAD: [string, unknown, number, string][] = [
    ['negative seats', { ...THREE_YEARS, seats: -5 }, 400, 'validation_failed'],
    ['zero seats', { ...THREE_YEARS, seats: 0 }, 400, 'validation_failed'],
    ['fractional seats', { ...THREE_YEARS, seats: 45.5 }, 400, 'validation_failed'],
    ['seats as text', { ...THREE_YEARS, seats: '45' }, 400, 'validation_failed'],
    ['a 4-year term', { ...THREE_YEARS, termYears: 4 }, 400, 'validation_failed'],
    [
      'a renewal without a term',
      { kind: 'renew', planCode: 'professional', seats: 45 },
      400,
      'validation_failed',
    ],
    ['an unknown kind', { ...THREE_YEARS, kind: 'discount' }, 400, 'validation_failed'],
    ['no body', undefined, 400, 'validation_failed'],
    ['seats below the plan', { ...THREE_YEARS, seats: 9 }, 422, 'rule_violated'],
    ['seats above the plan', { ...THREE_YEARS, seats: 501 }, 422, 'rule_violated'],
    [
      'an unknown plan',
      { kind: 'upgrade', planCode: 'platinum', termYears: 1, seats: 45 },
      422,
      'rule_violated',
    ],
    ['a downgrade', { kind: 'upgrade', planCode: 'starter', termYears: 1, seats: 45 }, 422, 'rule_violated'],
    [
      'an upgrade to the same plan',
      { kind: 'upgrade', planCode: 'professional', termYears: 1, seats: 45 },
      422,
      'rule_violated',
    ],
    [
      'a renewal onto another plan',
      { ...THREE_YEARS, planCode: 'enterprise', seats: 50 },
      422,
      'rule_violated',
    ],
    [
      'an upgrade under the plan’s minimum',
      { kind: 'upgrade', planCode: 'enterprise', termYears: 1, seats: 45 },
      422,
      'rule_violated',
    ],
    ['fewer seats mid-term', { kind: 'seats', planCode: 'professional', seats: 40 }, 422, 'rule_violated'],
    ['the same seats mid-term', { kind: 'seats', planCode: 'professional', seats: 45 }, 422, 'rule_violated'],
  ];

  it.each(BAD)('refuses %s and writes nothing', async (_name, body, status, code) => {
    const before = await writtenState();
    const response = await alex.post(`${SALES}/quotes`, body);
    expect(response.status).toBe(status);
    expect(await errorCode(response)).toBe(code);
    expect(await writtenState()).toEqual(before);
  });

  it('refuses a quote for a cancelled subscription or one expired too long, writing nothing', async () => {
    const before = await writtenState();
    const cancelled = await alex.post('/api/subscriptions/sub_nw_pilot/quotes', {
      kind: 'renew',
      planCode: 'enterprise',
      termYears: 1,
      seats: 50,
    });
    expect(cancelled.status).toBe(422);
    ctx.clock.set('2026-12-09T12:00:00.000Z');
    alex = await ctx.signedIn('alex@northwind.example'); // the session has lapsed meanwhile
    const lapsed = await alex.post('/api/subscriptions/sub_nw_legacy/quotes', {
      kind: 'renew',
      planCode: 'starter',
      termYears: 1,
      seats: 8,
    });
    expect(lapsed.status).toBe(422);
    expect(((await lapsed.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      reason: 'expired_too_long',
    });
    expect(await writtenState()).toEqual(before);
  });

  it('refuses a seat addition once the term has ended', async () => {
    const response = await alex.post('/api/subscriptions/sub_nw_warehouse/quotes', {
      kind: 'seats',
      planCode: 'starter',
      seats: 20,
    });
    expect(response.status).toBe(422);
  });
});

describe('supersession and repeated requests', () => {
  it('a newer quote supersedes the older open ones of the subscription, in one go', async () => {
    const first = await quote(alex, { ...THREE_YEARS, termYears: 1 });
    const second = await quote(alex, { ...THREE_YEARS, termYears: 2 });
    const third = await quote(alex, THREE_YEARS);
    expect([first, second, third].map((q) => q.quote.number)).toEqual([
      'Q-2026-000001',
      'Q-2026-000002',
      'Q-2026-000003',
    ]);
    const firstNow = (await getQuote(alex, first.quote.id)).quote;
    const secondNow = (await getQuote(alex, second.quote.id)).quote;
    expect(firstNow).toMatchObject({
      status: 'superseded',
      isPayable: false,
      supersededByNumber: 'Q-2026-000002',
    });
    expect(secondNow).toMatchObject({ status: 'superseded', supersededByNumber: 'Q-2026-000003' });
    expect((await getQuote(alex, third.quote.id)).quote.status).toBe('open');
    // The lines of a superseded quote stay as they were.
    expect(firstNow.lines).toEqual(first.quote.lines);
    const offers = (await (await alex.get(`${SALES}/offers`)).json()) as TOffersResponse;
    expect(offers.renewable && offers.openQuote).toMatchObject({
      id: third.quote.id,
      number: 'Q-2026-000003',
    });
  });

  it('does not touch the quotes of another subscription', async () => {
    const sales = await quote(alex, THREE_YEARS);
    await quote(
      alex,
      { kind: 'renew', planCode: 'starter', termYears: 1, seats: 25 },
      '/api/subscriptions/sub_nw_support',
    );
    expect((await getQuote(alex, sales.quote.id)).quote.status).toBe('open');
  });

  it('asking again for the same choice returns the open quote (a double click makes one quote)', async () => {
    const [a, b] = await Promise.all([quote(alex, THREE_YEARS), quote(alex, THREE_YEARS)]);
    expect(a.quote.id).toBe(b.quote.id);
    expect([a.response.status, b.response.status].sort()).toEqual([200, 201]);
    expect(await writtenState()).toMatchObject({ quotes: 1 });
  });

  it('concurrent different choices get distinct consecutive numbers and leave one open quote', async () => {
    const made = await Promise.all([1, 2, 3].map((termYears) => quote(alex, { ...THREE_YEARS, termYears })));
    expect(made.map((m) => m.quote.number).sort()).toEqual([
      'Q-2026-000001',
      'Q-2026-000002',
      'Q-2026-000003',
    ]);
    const open = await ctx.db.selectFrom('quotes').select('id').where('status', '=', 'open').execute();
    expect(open).toHaveLength(1);
  });

  it('numbers restart each year', async () => {
    await quote(alex, THREE_YEARS);
    ctx.clock.set('2027-01-02T09:00:00.000Z');
    alex = await ctx.signedIn('alex@northwind.example');
    const next = await quote(alex, { ...THREE_YEARS, termYears: 1 });
    expect(next.quote.number).toBe('Q-2027-000001');
  });
});

describe('expiry', () => {
  it('a quote expires 14 days after it is made', async () => {
    const { quote: made } = await quote(alex, THREE_YEARS);
    ctx.clock.set('2026-12-07T11:59:59.999Z');
    alex = await ctx.signedIn('alex@northwind.example');
    expect((await getQuote(alex, made.id)).quote).toMatchObject({ status: 'open', isPayable: true });
    ctx.clock.set('2026-12-07T12:00:00.000Z');
    expect((await getQuote(alex, made.id)).quote).toMatchObject({ status: 'expired', isPayable: false });
    const offers = (await (await alex.get(`${SALES}/offers`)).json()) as TOffersResponse;
    expect(offers.renewable && offers.openQuote).toBeNull();
  });

  it('after expiry the same choice makes a new quote, and the expired one stays expired', async () => {
    const { quote: made } = await quote(alex, THREE_YEARS);
    ctx.clock.set('2026-12-08T12:00:00.000Z'); // 49 days left: no early-renewal discount any more
    alex = await ctx.signedIn('alex@northwind.example');
    const { response, quote: fresh } = await quote(alex, THREE_YEARS);
    expect(response.status).toBe(201);
    expect(fresh.number).toBe('Q-2026-000002');
    expect(fresh.total.amountMinor).toBe(5_508_000);
    expect((await getQuote(alex, made.id)).quote).toMatchObject({ status: 'expired', supersededAt: null });
  });

  it('a quote in grace expires when grace ends, if that is sooner', async () => {
    // Warehouse team: term_end 2026-11-17, 14 days of grace → expired from 2026-12-01.
    const { quote: made } = await quote(
      alex,
      { kind: 'renew', planCode: 'starter', termYears: 1, seats: 12 },
      '/api/subscriptions/sub_nw_warehouse',
    );
    expect(made).toMatchObject({ expiresAt: '2026-12-01T00:00:00.000Z', termStart: '2026-11-17' });
  });

  it('the end of grace is midnight in the vendor’s time zone', async () => {
    const tokyo = await createTestContext({ env: { PORTAL_TIME_ZONE: 'Asia/Tokyo' } });
    try {
      const client = await tokyo.signedIn('alex@northwind.example');
      const { quote: made } = await quote(
        client,
        { kind: 'renew', planCode: 'starter', termYears: 1, seats: 12 },
        '/api/subscriptions/sub_nw_warehouse',
      );
      // Tokyo's today is 2026-11-23 too; grace ends at 2026-12-01T00:00+09:00.
      expect(made.expiresAt).toBe('2026-11-30T15:00:00.000Z');
    } finally {
      await tokyo.dispose();
    }
  });
});

describe('a quote is honoured until it expires', () => {
  async function signedInOps() {
    return ctx.signedIn('ops@vendor.example');
  }

  it('whatever happens to the catalog price; asking again keeps the cheaper open quote', async () => {
    const { quote: made } = await quote(alex, THREE_YEARS);
    const ops = await signedInOps();
    const raise = await ops.put('/api/ops/catalog/plans/professional/prices', {
      prices: [{ currency: 'USD', amount: '500.00' }],
    });
    expect(raise.status).toBe(200);

    const offers = (await (await alex.get(`${SALES}/offers`)).json()) as TOffersResponse;
    const fresh = offers.renewable ? offers.offers.find((o) => o.id === THREE_YEARS_ID) : undefined;
    // 500.00 × 45 × 3 = 67,500.00 − 20 % = 54,000.00
    expect(fresh?.total.amountMinor).toBe(5_400_000);

    const { quote: honoured } = await getQuote(alex, made.id);
    expect(honoured).toEqual(made);
    const again = await quote(alex, THREE_YEARS);
    expect(again.response.status).toBe(200);
    expect(again.quote.id).toBe(made.id);

    // A lower price is not withheld: asking again makes a new, cheaper quote that supersedes the old one.
    await ops.put('/api/ops/catalog/plans/professional/prices', {
      prices: [{ currency: 'USD', amount: '400.00' }],
    });
    const cheaper = await quote(alex, THREE_YEARS);
    expect(cheaper.response.status).toBe(201);
    // 400.00 × 45 × 3 = 54,000.00 − 20 % = 43,200.00
    expect(cheaper.quote.total.amountMinor).toBe(4_320_000);
    expect((await getQuote(alex, made.id)).quote.status).toBe('superseded');
  });

  it('whatever happens to the rules: the quote keeps its lines and the version it was priced under', async () => {
    const { quote: made } = await quote(alex, THREE_YEARS);
    const ops = await signedInOps();
    const rules = (await (await ops.get('/api/ops/pricing-rules')).json()) as {
      current: { version: number; rules: Record<string, unknown> };
    };
    const published = await ops.put('/api/ops/pricing-rules', {
      basedOnVersion: rules.current.version,
      rules: { ...rules.current.rules, multiYear: { twoYearsBp: 1000, threeYearsBp: 2000 } },
      note: 'Spring promotion',
    });
    expect(published.status).toBe(200);

    const offers = (await (await alex.get(`${SALES}/offers`)).json()) as TOffersResponse;
    expect(offers.renewable && offers.rulesVersion).toBe(2);
    const { quote: honoured } = await getQuote(alex, made.id);
    expect(honoured).toMatchObject({ rulesVersion: 1, total: { amountMinor: 5_184_000 } });
    expect(honoured.lines).toEqual(made.lines);
    // The new rules are cheaper (20 % + 5 %), so asking again makes a new quote under version 2.
    const newer = await quote(alex, THREE_YEARS);
    expect(newer.quote).toMatchObject({ rulesVersion: 2, total: { amountMinor: 4_860_000 } });
  });
});

const THREE_YEARS_ID = 'renew:professional:3y:45';
