// Letting a renewal lapse (decision 024): the decision stops the term's reminders and resumes them when undone,
// turns auto-renew off through its usual path (never back on), is audited and on the history, feeds the
// pipeline's risk, is cleared by paying, and is the account admins' alone.

import type { TLapseState } from '@portal/shared/schemas/lapse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox, runAt, SALES, saveCard, turnOn } from '../../testing/auto-renew.ts';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import { makeQuote, pay, startCheckout } from '../../testing/payments.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

const ALEX = 'alex@northwind.example';

async function lapseOf(client: TestClient, id = SALES): Promise<TLapseState> {
  const response = await client.get(`/api/subscriptions/${id}/lapse`);
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { lapse: TLapseState }).lapse;
}

async function letLapse(client: TestClient, body: object = {}): Promise<TLapseState> {
  const response = await client.post(`/api/subscriptions/${SALES}/lapse`, body);
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { lapse: TLapseState }).lapse;
}

async function auditActions(subscriptionId = SALES) {
  const rows = await ctx.db
    .selectFrom('audit_events')
    .select('action')
    .where('entity_id', '=', subscriptionId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

async function autoRenewFlag() {
  const row = await ctx.db
    .selectFrom('subscriptions')
    .select('auto_renew_enabled')
    .where('id', '=', SALES)
    .executeTakeFirstOrThrow();
  return row.auto_renew_enabled;
}

const remindersTo = async (template: string) => outbox(ctx, { template, to: ALEX });

describe('letting a renewal lapse', () => {
  it('stops the term’s reminders after the decision and resumes them after undo', async () => {
    const alex = await ctx.signedIn(ALEX);
    await runAt(ctx, '2026-11-23T03:00:00.000Z');
    expect(await lapseOf(alex)).toMatchObject({ lapse: null, cannotLapse: null, canManage: true });

    const decided = await letLapse(alex);
    // Sales workspace's term ends on 2027-01-26: its last day is the 25th.
    expect(decided.lapse).toMatchObject({
      lastDay: '2027-01-25',
      decidedBy: ALEX,
      turnedOffAutoRenew: false,
    });
    // The 60-day reminder falls on 2026-11-27: not sent while the decision stands.
    const during = await runAt(ctx, '2026-11-27T03:00:00.000Z');
    expect(during.stats.reminders_skipped_lapsed).toBeGreaterThanOrEqual(1);
    expect(await remindersTo('renewal_reminder_60')).toHaveLength(0);

    const undone = await alex.delete(`/api/subscriptions/${SALES}/lapse`);
    expect(undone.status).toBe(200);
    expect(((await undone.json()) as { lapse: TLapseState }).lapse.lapse).toBeNull();
    // The 30-day reminder (2026-12-27) goes out again.
    await runAt(ctx, '2026-12-27T03:00:00.000Z');
    expect(await remindersTo('renewal_reminder_30')).toHaveLength(1);

    expect(await auditActions()).toEqual([
      'subscription.renewal_declined',
      'subscription.renewal_decline_undone',
    ]);
    const history = await ctx.db
      .selectFrom('subscription_events')
      .select('type')
      .where('subscription_id', '=', SALES)
      .where('type', 'like', 'renewal.decl%')
      .orderBy('at')
      .execute();
    expect(history.map((h) => h.type)).toEqual(['renewal.declined', 'renewal.decline_undone']);
  });

  it('turns auto-renew off through its usual path, and undo never turns it back on', async () => {
    const alex = await ctx.signedIn(ALEX);
    await saveCard(ctx, alex, SALES);
    await turnOn(alex, SALES, 1);
    const decided = await letLapse(alex);
    expect(decided.lapse?.turnedOffAutoRenew).toBe(true);
    expect(await autoRenewFlag()).toBe(0);
    // The turn-off's confirmation e-mail and audit, as from the switch.
    expect(await outbox(ctx, { template: 'auto_renew_off', to: ALEX })).toHaveLength(1);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['subscription.auto_renew_disabled', 'subscription.renewal_declined']),
    );
    // No auto-renew notice and no reminder for the term.
    const report = await runAt(ctx, '2026-12-27T03:00:00.000Z');
    expect(report.stats.notices_sent ?? 0).toBe(0);
    expect(await outbox(ctx, { template: 'auto_renew_notice' })).toHaveLength(0);
    expect(await remindersTo('renewal_reminder_30')).toHaveLength(0);

    await alex.delete(`/api/subscriptions/${SALES}/lapse`);
    expect(await autoRenewFlag()).toBe(0);
  });

  it('is answered idempotently, and shown to ops as a risk with a reason given for the lapse', async () => {
    const alex = await ctx.signedIn(ALEX);
    const feedback = await alex.post(`/api/subscriptions/${SALES}/churn-feedback`, {
      context: 'lapse',
      reason: 'budget_cut',
    });
    expect(feedback.status).toBe(201);
    const { feedbackId } = (await feedback.json()) as { feedbackId: string };
    await letLapse(alex, { feedbackId });
    await letLapse(alex, { feedbackId });
    expect((await auditActions()).filter((a) => a === 'subscription.renewal_declined')).toHaveLength(1);

    const ops = await ctx.signedIn('ops@vendor.example');
    const pipeline = (await (await ops.get('/api/ops/pipeline?window=90')).json()) as {
      pipeline: { rows: { subscriptionId: string; health: { isAtRisk: boolean; riskReasons: string[] } }[] };
    };
    const sales = pipeline.pipeline.rows.find((r) => r.subscriptionId === SALES);
    expect(sales?.health.isAtRisk).toBe(true);
    expect(sales?.health.riskReasons).toEqual(expect.arrayContaining(['churn_feedback', 'renewal_declined']));
    const chart = (await (await ops.get('/api/retention/churn-reasons')).json()) as {
      summary: { reasons: { reason: string; count: number }[] };
    };
    expect(chart.summary.reasons.find((r) => r.reason === 'budget_cut')?.count).toBe(1);
  });

  it('is cleared by paying for the renewal after all', async () => {
    const alex = await ctx.signedIn(ALEX);
    await letLapse(alex);
    const quote = await makeQuote(alex, SALES, {
      kind: 'renew',
      planCode: 'professional',
      termYears: 1,
      seats: 45,
    });
    const { checkout } = await startCheckout(alex, quote.id);
    await pay(ctx, checkout.sessionId);
    expect((await lapseOf(alex)).lapse).toBeNull();
    const row = await ctx.db
      .selectFrom('renewal_lapses')
      .select('state')
      .where('subscription_id', '=', SALES)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('cleared');
    expect(await auditActions()).toContain('subscription.renewal_decline_cleared');
  });

  it('is the account admins’ alone: a member may look (403 to change), another account gets 404', async () => {
    const morgan = await ctx.signedIn('morgan@northwind.example');
    expect(await lapseOf(morgan)).toMatchObject({ canManage: false });
    expect((await morgan.post(`/api/subscriptions/${SALES}/lapse`, {})).status).toBe(403);
    expect((await morgan.delete(`/api/subscriptions/${SALES}/lapse`)).status).toBe(403);
    const harbor = await ctx.signedIn('li.wei@harbor.example');
    expect((await harbor.get(`/api/subscriptions/${SALES}/lapse`)).status).toBe(404);
    expect((await harbor.post(`/api/subscriptions/${SALES}/lapse`, {})).status).toBe(404);
    expect((await harbor.delete(`/api/subscriptions/${SALES}/lapse`)).status).toBe(404);
    expect(await auditActions()).toEqual([]);
  });
});
