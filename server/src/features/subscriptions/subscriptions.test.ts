import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

type Summary = {
  id: string;
  label: string;
  status: string;
  daysLeft: number;
  autoRenew: { enabled: boolean };
};

describe('subscriptions', () => {
  it('lists the account’s subscriptions with every status derived from the dates', async () => {
    const alex = await ctx.signedIn('alex@northwind.example');
    const body = (await (await alex.get('/api/subscriptions')).json()) as { subscriptions: Summary[] };
    const byLabel = Object.fromEntries(body.subscriptions.map((s) => [s.label, s]));
    expect(byLabel['Operations platform']).toMatchObject({
      status: 'active',
      daysLeft: 200,
      autoRenew: { enabled: true },
    });
    expect(byLabel['Sales workspace']?.status).toBe('renewal_open');
    expect(byLabel['Support desk']?.status).toBe('expiring');
    expect(byLabel['Warehouse team']?.status).toBe('grace');
    expect(byLabel['Legacy analytics']?.status).toBe('expired');
    expect(byLabel['Enterprise pilot']?.status).toBe('cancelled');
    expect(body.subscriptions.every((s) => s.id.startsWith('sub_nw_'))).toBe(true);
  });

  it('derives statuses from the clock, not from stored state', async () => {
    ctx.clock.set('2027-01-01T12:00:00.000Z'); // 39 days after the seed
    const alex = await ctx.signedIn('alex@northwind.example');
    const body = (await (await alex.get('/api/subscriptions/sub_nw_sales')).json()) as {
      subscription: Summary;
    };
    expect(body.subscription).toMatchObject({ status: 'expiring', daysLeft: 25 });
  });

  it('shows one subscription with its history', async () => {
    const alex = await ctx.signedIn('alex@northwind.example');
    const response = await alex.get('/api/subscriptions/sub_nw_platform');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { subscription: { history: { type: string }[] } };
    expect(body.subscription.history.map((e) => e.type)).toEqual([
      'auto_renew.enabled',
      'renewed',
      'renewed',
      'created',
    ]);
  });

  it('lets an admin turn auto-renew off, audited with a history event', async () => {
    const alex = await ctx.signedIn('alex@northwind.example');
    const response = await alex.put('/api/subscriptions/sub_nw_platform/auto-renew', { enabled: false });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { subscription: Summary }).subscription.autoRenew.enabled).toBe(false);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', 'sub_nw_platform')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['subscription.auto_renew_disabled']);
    const detail = (await (await alex.get('/api/subscriptions/sub_nw_platform')).json()) as {
      subscription: { history: { type: string }[] };
    };
    expect(detail.subscription.history[0]?.type).toBe('auto_renew.disabled');
  });

  it('needs a saved payment method to turn auto-renew on', async () => {
    const alex = await ctx.signedIn('alex@northwind.example');
    const response = await alex.put('/api/subscriptions/sub_nw_sales/auto-renew', {
      enabled: true,
      termYears: 2,
    });
    expect(response.status).toBe(422);
    expect(await errorCode(response)).toBe('rule_violated');
    const untouched = await ctx.db
      .selectFrom('subscriptions')
      .select('auto_renew_enabled')
      .where('id', '=', 'sub_nw_sales')
      .executeTakeFirstOrThrow();
    expect(untouched.auto_renew_enabled).toBe(0);
  });

  it('rejects a bad term length', async () => {
    const alex = await ctx.signedIn('alex@northwind.example');
    const response = await alex.put('/api/subscriptions/sub_nw_sales/auto-renew', {
      enabled: true,
      termYears: 5,
    });
    expect(response.status).toBe(400);
  });
});

describe('the HTTP basics', () => {
  it('reports health once the database answers', async () => {
    const response = await ctx.client().get('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown API routes in the error shape', async () => {
    const response = await ctx.client().get('/api/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No such API route.' } });
  });

  it('refuses bodies over the limit', async () => {
    const response = await ctx.client().request('/api/auth/sign-in', {
      method: 'POST',
      body: JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(3 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('payload_too_large');
  });

  it('sends security headers', async () => {
    const response = await ctx.client().get('/api/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
