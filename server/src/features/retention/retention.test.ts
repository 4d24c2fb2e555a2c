// Why customers leave, through the real app: a reason recorded (admins only, guards before the body, 404 for
// another account's subscription, audited), the save offer ops configured shown once and priced by the
// server through the pricing rules and their cap, accepting it makes the quote, and the reasons feed the
// pipeline's risk signals and the churn-reasons summary.

import type { TQuote } from '@portal/shared/schemas/offers';
import type { TChurnFeedbackResponse, TChurnReasonsSummary } from '@portal/shared/schemas/retention';
import type { TPipeline } from '@portal/shared/schemas/value-reports';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let alex: TestClient;
let ops: TestClient;
beforeEach(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
  ops = await ctx.signedIn('ops@vendor.example');
});
afterEach(async () => {
  await ctx.dispose();
});

const SALES = '/api/subscriptions/sub_nw_sales';

async function configure(offers: unknown[]) {
  const response = await ops.put('/api/retention/save-offers', { offers });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function tellWhy(client: TestClient, body: unknown, path = SALES) {
  const response = await client.post(`${path}/churn-feedback`, body);
  return { response, body: (await response.json()) as TChurnFeedbackResponse };
}

describe('churn feedback', () => {
  it('records the reason with a save offer priced by the server, shown once; accepting makes the quote', async () => {
    await configure([{ reason: 'too_expensive', kind: 'discount', discountBp: 1000, isActive: true }]);
    const first = await tellWhy(alex, {
      context: 'auto_renew_off',
      reason: 'too_expensive',
      comment: 'Budget',
    });
    expect(first.response.status).toBe(201);
    const offer = first.body.saveOffer;
    if (!offer) throw new Error('no save offer');
    expect(offer).toMatchObject({ kind: 'discount', planName: 'Professional', seats: 45, termYears: 1 });
    // 45 seats × $480.00 = $21,600.00 list; the loyalty discount is one of the capped discounts.
    expect(offer.list).toEqual({ amountMinor: 2_160_000, currency: 'USD' });
    expect(offer.savingsBasisPoints).toBeGreaterThanOrEqual(1000);
    expect(offer.savingsBasisPoints).toBeLessThanOrEqual(2500);

    const again = await tellWhy(alex, { context: 'auto_renew_off', reason: 'too_expensive' });
    expect(again.response.status).toBe(201);
    expect(again.body.saveOffer).toBeNull();

    const accept = await alex.post(`${SALES}/churn-feedback/${first.body.feedbackId}/save-offer`, {
      decision: 'accept',
    });
    expect(accept.status).toBe(200);
    const { quoteId } = (await accept.json()) as { quoteId: string };
    const quote = ((await (await alex.get(`/api/quotes/${quoteId}`)).json()) as { quote: TQuote }).quote;
    expect(quote.total).toEqual(offer.total);
    expect(quote.lines).toContainEqual(
      expect.objectContaining({ code: 'discount', reason: 'retention', basisPoints: 1000 }),
    );
    expect(
      (await alex.post(`${SALES}/churn-feedback/${first.body.feedbackId}/save-offer`, { decision: 'accept' }))
        .status,
    ).toBe(409);

    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', 'sub_nw_sales')
      .where('action', 'in', ['churn_feedback.recorded', 'save_offer.accepted'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'churn_feedback.recorded',
      'churn_feedback.recorded',
      'save_offer.accepted',
    ]);
  });

  it('keeps the pricing rules’ cap on a generous save offer, and a client cannot send a price', async () => {
    await configure([{ reason: 'too_expensive', kind: 'discount', discountBp: 4000, isActive: true }]);
    const tampered = await tellWhy(alex, { context: 'lapse', reason: 'too_expensive', total: 1 });
    expect(tampered.response.status).toBe(400);
    const { body } = await tellWhy(alex, { context: 'lapse', reason: 'too_expensive' });
    expect(body.saveOffer?.savingsBasisPoints).toBe(2500);
    expect(body.saveOffer?.total.amountMinor).toBe(1_620_000);
  });

  it('offers a downgrade to fewer seats for a reason configured so', async () => {
    await configure([{ reason: 'not_using', kind: 'downgrade', discountBp: null, isActive: true }]);
    const { body } = await tellWhy(alex, { context: 'auto_renew_off', reason: 'not_using' });
    expect(body.saveOffer).toMatchObject({ kind: 'downgrade', seats: 33, termYears: 1 });
    const decline = await alex.post(`${SALES}/churn-feedback/${body.feedbackId}/save-offer`, {
      decision: 'decline',
    });
    expect(decline.status).toBe(200);
    expect(await decline.json()).toEqual({ quoteId: null });
  });

  it('is for admins (guards before the body), 404 for another account, ops only configure', async () => {
    const morgan = await ctx.signedIn('morgan@northwind.example');
    expect((await morgan.post(`${SALES}/churn-feedback`, { nonsense: true })).status).toBe(403);
    const liWei = await ctx.signedIn('li.wei@harbor.example');
    expect((await tellWhy(liWei, { context: 'lapse', reason: 'other' })).response.status).toBe(404);
    expect((await ctx.client().post(`${SALES}/churn-feedback`, {})).status).toBe(401);
    expect((await alex.put('/api/retention/save-offers', { nonsense: true })).status).toBe(403);
    const finance = await ctx.signedIn('finance@vendor.example');
    expect((await finance.put('/api/retention/save-offers', { offers: [] })).status).toBe(403);
    expect((await alex.get('/api/retention/churn-reasons')).status).toBe(403);
    const written = await ctx.db.selectFrom('churn_feedback').select('id').execute();
    expect(written).toEqual([]);
  });

  it('feeds the pipeline’s risk signals and the churn-reasons summary', async () => {
    await tellWhy(alex, {
      context: 'auto_renew_off',
      reason: 'switching',
      comment: 'Moving to a competitor',
    });
    await tellWhy(alex, { context: 'lapse', reason: 'switching' }, '/api/subscriptions/sub_nw_support');
    const { pipeline } = (await (await ops.get('/api/ops/pipeline?window=all')).json()) as {
      pipeline: TPipeline;
    };
    const sales = pipeline.rows.find((r) => r.subscriptionId === 'sub_nw_sales');
    expect(sales?.health.riskReasons).toContain('churn_feedback');
    expect(sales?.health.isAtRisk).toBe(true);

    const finance = await ctx.signedIn('finance@vendor.example');
    const summary = (
      (await (await finance.get('/api/retention/churn-reasons')).json()) as {
        summary: TChurnReasonsSummary;
      }
    ).summary;
    expect(summary.total).toBe(2);
    expect(summary.reasons).toContainEqual({ reason: 'switching', count: 2 });
    expect(summary.reasons).toHaveLength(7);
  });
});
