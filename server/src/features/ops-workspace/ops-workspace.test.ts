// Issue 13 item 6 (decision 021): the ops workspace's search, timeline, actions with reasons, the audit log
// and "view as customer", through the HTTP API on the demo data.

import type {
  TAccountSearchPage,
  TAuditLogPage,
  TOpsAccount,
  TOpsSummary,
  TTimelineItem,
  TTimelinePage,
} from '@portal/shared/schemas/ops-workspace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../platform/audit/service.ts';
import { createTestContext, errorCode, type TestClient, type TestContext } from '../../testing/harness.ts';
import { concrete, type RouteEntry, routeTable } from '../../testing/route-table.ts';
import { compareTimeline } from './service.ts';
import { VIEW_AS_EXITS, VIEW_AS_MINUTES } from './view-as.ts';

let ctx: TestContext;
let ops: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ops = await ctx.signedIn('ops@vendor.example');
}, 60_000);
afterAll(async () => {
  await ctx.dispose();
});

async function search(query: Record<string, string>): Promise<TAccountSearchPage> {
  const response = await ops.get(`/api/ops/accounts?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { page: TAccountSearchPage }).page;
}

async function auditOf(query: Record<string, string>): Promise<TAuditLogPage['rows']> {
  const response = await ops.get(`/api/ops/audit?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { page: TAuditLogPage }).page.rows;
}

describe('ops workspace › landing', () => {
  it('sums up today: the run, renewals due in 30/60/90 days, at-risk accounts, finance exceptions', async () => {
    const response = await ops.get('/api/ops/workspace');
    expect(response.status).toBe(200);
    const { summary } = (await response.json()) as { summary: TOpsSummary };
    expect(summary.today).toBe('2026-11-23');
    expect(summary.due.in30).toBeLessThanOrEqual(summary.due.in60);
    expect(summary.due.in60).toBeLessThanOrEqual(summary.due.in90);
    expect(summary.due.in90).toBeGreaterThan(0);
    expect(summary.atRisk.top.length).toBeLessThanOrEqual(5);
    expect(summary.openFinanceExceptions).toBeGreaterThanOrEqual(0);
    // The webhooks feature answers through the provider the composition root registers: none failed yet.
    expect(summary.failedWebhookDeliveries).toBe(0);
  });
});

describe('ops workspace › account search', () => {
  it('finds an account by part of its name, any case', async () => {
    const page = await search({ q: 'NORTHW' });
    expect(page.rows.map((r) => r.id)).toEqual(['acct_northwind']);
  });

  it('finds an account by the start of a contact’s e-mail, and by its id', async () => {
    expect((await search({ q: 'li.wei@harbor' })).rows.map((r) => r.id)).toEqual(['acct_harbor']);
    expect((await search({ q: 'acct_kumo' })).rows.map((r) => r.id)).toEqual(['acct_kumo']);
  });

  it('filters by currency, status and renewal window', async () => {
    const all = await search({ limit: '100' });
    const eur = await search({ currency: 'eur', limit: '100' });
    expect(eur.rows.length).toBeGreaterThan(0);
    expect(eur.rows.every((r) => r.currency === 'EUR')).toBe(true);
    expect(eur.rows.length).toBeLessThan(all.rows.length);
    const active = await search({ status: 'active', limit: '100' });
    expect(active.rows.every((r) => r.status === 'active')).toBe(true);
    const within90 = await search({ window: '90', limit: '100' });
    expect(within90.rows.length).toBeGreaterThan(0);
    for (const row of within90.rows) expect(row.nextTermEnd).not.toBeNull();
  });

  it('pages by keyset: every account once, in name order, whatever the page size', async () => {
    const all = (await search({ limit: '100' })).rows.map((r) => r.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: TAccountSearchPage = await search({ limit: '1', ...(cursor ? { cursor } : {}) });
      paged.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a forged cursor with a validation error, not a crash', async () => {
    const response = await ops.get('/api/ops/accounts?cursor=bm90LWpzb24');
    expect(response.status).toBe(400);
  });

  it('keeps the health filter’s rows consistent with the health it shows', async () => {
    const atRisk = await search({ health: 'at_risk', limit: '100' });
    expect(atRisk.rows.every((r) => r.health?.isAtRisk)).toBe(true);
    const healthy = await search({ health: 'healthy', limit: '100' });
    expect(healthy.rows.every((r) => r.health && !r.health.isAtRisk)).toBe(true);
  });
});

describe('ops workspace › account page and timeline', () => {
  it('shows contacts, subscriptions with health and risk reasons', async () => {
    const response = await ops.get('/api/ops/accounts/acct_northwind');
    expect(response.status).toBe(200);
    const account = (await response.json()) as TOpsAccount;
    expect(account.account.name).toBe('Northwind Traders');
    expect(account.contacts.map((c) => c.email)).toContain('alex@northwind.example');
    expect(account.subscriptions.length).toBeGreaterThan(1);
    for (const s of account.subscriptions) expect(Array.isArray(s.health.reasons)).toBe(true);
    expect((await ops.get('/api/ops/accounts/acct_nope')).status).toBe(404);
  });

  it('merges notices, e-mails, quotes, payments, invoices and audit events newest first, and pages without gaps', async () => {
    // Something from the audit log and an e-mail for certain: an invitation sent by ops.
    await ops.post('/api/ops/accounts/acct_northwind/invitations', {
      email: 'timeline@northwind.example',
      name: 'Tim Line',
      role: 'customer_member',
      reason: 'Asked for by the customer on the phone',
    });
    // Items of two sources at the same instants and at earlier ones: the merge orders by (at, id).
    for (const [i, at] of [
      '2026-11-20T09:00:00.000Z',
      '2026-11-21T09:00:00.000Z',
      '2026-11-21T09:00:00.000Z',
    ].entries()) {
      await recordAudit(ctx.db, {
        actor: { userId: null, label: 'system:test' },
        accountId: 'acct_northwind',
        entityType: 'account',
        entityId: 'acct_northwind',
        action: `test.step_${i}`,
        at: new Date(at),
      });
      await ctx.db
        .insertInto('email_outbox')
        .values({
          id: `eml_test_${i}`,
          account_id: 'acct_northwind',
          to_address: 'alex@northwind.example',
          template: 'test',
          locale: 'en',
          subject: `Test ${i}`,
          text_body: 'x',
          html_body: 'x',
          private_text_body: null,
          private_html_body: null,
          status: 'captured',
          next_attempt_at: null,
          last_error: null,
          dedupe_key: null,
          created_at: at,
          sent_at: null,
        })
        .execute();
    }
    const whole = await ops.get('/api/ops/accounts/acct_northwind/timeline?limit=100');
    const all = ((await whole.json()) as { page: TTimelinePage }).page.items;
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect([...all].sort(compareTimeline)).toEqual(all);
    const kinds = new Set(all.map((i) => i.kind));
    expect(kinds.has('audit')).toBe(true);
    expect(kinds.has('email')).toBe(true);

    const paged: TTimelineItem[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await ops.get(`/api/ops/accounts/acct_northwind/timeline?limit=4${query}`);
      const page = ((await response.json()) as { page: TTimelinePage }).page;
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && paged.length < 200);
    expect(paged.map((i) => i.id)).toEqual(all.map((i) => i.id));
  });
});

describe('ops workspace › actions are audited with the reason ops typed', () => {
  it('invites (and re-invites) a contact', async () => {
    const body = { email: 'new.person@harbor.example', name: 'New Person', role: 'customer_member' };
    expect((await ops.post('/api/ops/accounts/acct_harbor/invitations', body)).status).toBe(400);
    const first = await ops.post('/api/ops/accounts/acct_harbor/invitations', {
      ...body,
      reason: 'New hire',
    });
    expect(first.status).toBe(201);
    const again = await ops.post('/api/ops/accounts/acct_harbor/invitations', {
      ...body,
      reason: 'Lost the first e-mail',
    });
    expect(again.status).toBe(201);
    const rows = await auditOf({ accountId: 'acct_harbor', action: 'user.invited' });
    // Both at the same instant (the test clock stands still): the log holds each with its own reason.
    expect(rows.map((r) => r.reason).sort()).toEqual(['Lost the first e-mail', 'New hire']);
    expect(rows[0]?.actor).toBe('ops@vendor.example');
  });

  it('cancels a contract: it no longer renews, service runs to the end of the term, audited with the reason', async () => {
    const response = await ops.post('/api/ops/accounts/acct_northwind/subscriptions/sub_nw_platform/cancel', {
      reason: 'Customer wrote to end the contract at term end',
    });
    expect(response.status).toBe(200);
    const account = (await (await ops.get('/api/ops/accounts/acct_northwind')).json()) as TOpsAccount;
    const cancelled = account.subscriptions.find((s) => s.id === 'sub_nw_platform');
    expect(cancelled?.cancelled).toBe(true);
    expect(cancelled?.autoRenew).toBe(false);
    const [row] = await auditOf({ entityType: 'subscription', action: 'subscription.cancelled_by_ops' });
    expect(row?.entityId).toBe('sub_nw_platform');
    expect(row?.reason).toBe('Customer wrote to end the contract at term end');
    const twice = await ops.post('/api/ops/accounts/acct_northwind/subscriptions/sub_nw_platform/cancel', {
      reason: 'Again',
    });
    expect(twice.status).toBe(409);
    // Another account's subscription through this account's path: 404.
    const foreign = await ops.post('/api/ops/accounts/acct_harbor/subscriptions/sub_nw_sales/cancel', {
      reason: 'Wrong account',
    });
    expect(foreign.status).toBe(404);
  });

  it('creates or edits records through the vendor API, and records why', async () => {
    const record = {
      externalId: 'crm-42',
      name: 'Blue Sky Ltd',
      currency: 'GBP',
      country: 'GB',
    };
    const applied = await ops.post('/api/ops/records/account', { record, reason: 'Signed today' });
    expect(applied.status).toBe(200);
    const [created] = await auditOf({ action: 'ops.account_created' });
    expect(created).toMatchObject({ reason: 'Signed today' });
    const account = await ctx.db
      .selectFrom('accounts')
      .select(['id', 'name'])
      .where('external_id', '=', 'crm-42')
      .executeTakeFirstOrThrow();
    expect(created?.accountId).toBe(account.id);

    const edited = await ops.post('/api/ops/records/account', {
      record: { ...record, name: 'Blue Sky Limited' },
      reason: 'Renamed on the contract',
    });
    expect(edited.status).toBe(200);
    const renamed = await ctx.db
      .selectFrom('accounts')
      .select('name')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(renamed.name).toBe('Blue Sky Limited');
  });
});

describe('ops workspace › audit log', () => {
  it('filters by actor, account, entity type, action and dates, pages by keyset', async () => {
    const all = await auditOf({ limit: '100' });
    expect(all.length).toBeGreaterThan(2);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: URLSearchParams = new URLSearchParams({ limit: '2', ...(cursor ? { cursor } : {}) });
      const response: Response = await ops.get(`/api/ops/audit?${query}`);
      const page: TAuditLogPage = ((await response.json()) as { page: TAuditLogPage }).page;
      paged.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor && paged.length < 100);
    expect(paged).toEqual(all.map((r) => r.id));
    const byActor = await auditOf({ actor: 'ops@vendor' });
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((r) => r.actor.startsWith('ops@vendor'))).toBe(true);
    expect(await auditOf({ from: '2026-11-24' })).toEqual([]);
    const today = await auditOf({ from: '2026-11-23', to: '2026-11-23', entityType: 'invitation' });
    expect(today.length).toBeGreaterThan(0);
  });

  it('exports CSV that a spreadsheet cannot run as a formula', async () => {
    await recordAudit(ctx.db, {
      actor: { userId: null, label: 'system:test' },
      accountId: 'acct_kumo',
      entityType: 'account',
      entityId: 'acct_kumo',
      action: 'test.formula',
      reason: '=HYPERLINK("http://evil.example","click")',
      at: ctx.clock.now(),
    });
    const response = await ops.get('/api/ops/audit.csv?accountId=acct_kumo&action=test.formula');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await response.text();
    expect(text.startsWith('At (UTC),Actor,')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });
});

describe('ops workspace › roles', () => {
  it('refuses customers and finance (403), anonymous callers (401)', async () => {
    const admin = await ctx.signedIn('alex@northwind.example');
    const finance = await ctx.signedIn('finance@vendor.example');
    for (const path of ['/api/ops/workspace', '/api/ops/accounts', '/api/ops/audit', '/api/ops/audit.csv']) {
      expect((await admin.get(path)).status, path).toBe(403);
      expect((await finance.get(path)).status, path).toBe(403);
      expect((await ctx.client().get(path)).status, path).toBe(401);
    }
    expect((await admin.post('/api/ops/accounts/acct_northwind/view-as', { reason: 'curious' })).status).toBe(
      403,
    );
    expect(await errorCode(await admin.post('/api/ops/view-as/end'))).toBe('conflict');
  });
});

describe('ops workspace › view as customer', () => {
  it('needs a reason, is audited, shows the customer’s own data read-only, and ends on demand', async () => {
    const viewer = await ctx.signedIn('ops@vendor.example');
    expect((await viewer.post('/api/ops/accounts/acct_alpenrose/view-as', {})).status).toBe(400);
    const started = await viewer.post('/api/ops/accounts/acct_alpenrose/view-as', {
      reason: 'Customer reports a wrong renewal date',
    });
    expect(started.status).toBe(200);
    const me = (await (await viewer.get('/api/me')).json()) as {
      user: { role: string; accountId: string; email: string };
      account: { id: string };
      viewAs: { accountId: string; staffName: string } | null;
    };
    expect(me.user).toMatchObject({ role: 'customer_member', accountId: 'acct_alpenrose' });
    expect(me.user.email).toBe('ops@vendor.example');
    expect(me.viewAs).toMatchObject({ accountId: 'acct_alpenrose', staffName: 'Owen Park' });
    const subs = await viewer.get('/api/subscriptions');
    expect(subs.status).toBe(200);
    // While viewing, the ops pages are closed too (the session is a customer's view).
    expect((await viewer.get('/api/ops/accounts')).status).toBe(403);

    const [startRow] = await auditOf({ action: 'ops.view_as_started' });
    expect(startRow).toMatchObject({
      accountId: 'acct_alpenrose',
      reason: 'Customer reports a wrong renewal date',
    });

    const ended = await viewer.post('/api/ops/view-as/end');
    expect(ended.status).toBe(200);
    const after = (await (await viewer.get('/api/me')).json()) as { user: { role: string }; viewAs: unknown };
    expect(after.user.role).toBe('ops');
    expect(after.viewAs).toBeNull();
    expect((await auditOf({ action: 'ops.view_as_ended' })).length).toBeGreaterThan(0);
  });

  it(`ends by itself after ${VIEW_AS_MINUTES} minutes`, async () => {
    const viewer = await ctx.signedIn('ops@vendor.example');
    await viewer.post('/api/ops/accounts/acct_kumo/view-as', { reason: 'Checking the invoice page' });
    expect(((await (await viewer.get('/api/me')).json()) as { viewAs: unknown }).viewAs).not.toBeNull();
    const offset = ctx.clock.offsetMs();
    ctx.clock.setOffsetMs(offset + (VIEW_AS_MINUTES + 1) * 60_000);
    try {
      const me = (await (await viewer.get('/api/me')).json()) as { user: { role: string }; viewAs: unknown };
      expect(me.viewAs).toBeNull();
      expect(me.user.role).toBe('ops');
    } finally {
      ctx.clock.setOffsetMs(offset);
    }
    await viewer.post('/api/ops/view-as/end');
  });

  it('refuses every route that is not a read (403) while viewing as, except the ways out', async () => {
    const viewer = await ctx.signedIn('ops@vendor.example');
    await viewer.post('/api/ops/accounts/acct_northwind/view-as', { reason: 'Walking every write route' });
    const table = routeTable(ctx.app.routes as RouteEntry[]);
    // Routes under /api/v1 and /api/webhooks never read the session cookie (an API key or a signature
    // authenticates them), so a session viewing as a customer cannot reach them at all.
    const cookieless = (path: string) => path.startsWith('/api/v1/') || path.startsWith('/api/webhooks/');
    const writes = table.filter(
      (r) =>
        !['GET', 'HEAD', 'OPTIONS'].includes(r.method) &&
        !(VIEW_AS_EXITS as readonly string[]).includes(r.path) &&
        !cookieless(r.path),
    );
    expect(writes.length).toBeGreaterThan(30);
    const before = (await auditOf({ limit: '100' })).length;
    const wrong: string[] = [];
    for (const route of writes) {
      const response = await viewer.request(concrete(route.path), {
        method: route.method,
        json: { reason: 'x'.repeat(10), email: 'x@example.com', name: 'X', role: 'customer_admin' },
      });
      if (response.status !== 403) wrong.push(`${route.method} ${route.path} → ${response.status}`);
    }
    expect(wrong).toEqual([]);
    // Nothing was written by any of them.
    expect((await auditOf({ limit: '100' })).length).toBe(before);
    // Still viewing (sign-out was not called), and the way out works.
    expect((await viewer.post('/api/ops/view-as/end')).status).toBe(200);
  });
});
