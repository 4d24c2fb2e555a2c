// The `/api/v1` records API (issue 13 items 2–3) over HTTP against the real database (SQLite, and PostgreSQL
// with the server-pg project): scopes, upserts and read-back by external id, idempotency, field errors,
// concurrent upserts of one external id, and every response checked against the OpenAPI document.

import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyAsOps } from '../../testing/api-keys.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { accountRecord, subscriptionRecord } from '../../testing/vendor-records.ts';
import { dispatchEvents } from '../webhooks/service.ts';

let ctx: TestContext;
let writer: string;
let reader: string;
let usageOnly: string;
let eventsReader: string;
let openapi: Record<string, unknown>;
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

beforeAll(async () => {
  ctx = await createTestContext();
  writer = (await createApiKeyAsOps(ctx, { scopes: ['accounts:write', 'accounts:read'] })).secret;
  reader = (await createApiKeyAsOps(ctx, { scopes: ['accounts:read'] })).secret;
  usageOnly = (await createApiKeyAsOps(ctx, { scopes: ['usage:write'] })).secret;
  eventsReader = (await createApiKeyAsOps(ctx, { scopes: ['events:read'] })).secret;
  const response = await ctx.client().request('/api/v1/openapi.json', { origin: null });
  expect(response.status, await response.clone().text()).toBe(200);
  openapi = (await response.json()) as Record<string, unknown>;
  ajv.addSchema({ ...openapi, $id: 'openapi' });
}, 60_000);
afterAll(async () => {
  await ctx.dispose();
});

function call(secret: string, method: string, path: string, json?: unknown) {
  return ctx.client().request(`/api/v1${path}`, {
    method,
    origin: null,
    headers: { authorization: `Bearer ${secret}` },
    ...(json === undefined ? {} : { json }),
  });
}

const pointer = (part: string) => part.replaceAll('~', '~0').replaceAll('/', '~1');

/** The response's body, after checking it against the document's schema for this path, method and status. */
async function documented<T>(response: Response, method: string, templatePath: string): Promise<T> {
  const body = (await response.json()) as T;
  const ref = `openapi#/paths/${pointer(templatePath)}/${method}/responses/${response.status}/content/${pointer('application/json')}/schema`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  expect(
    validate(body),
    `${method} ${templatePath} ${response.status}: ${ajv.errorsText(validate.errors)}`,
  ).toBe(true);
  return body;
}

type Batch = {
  dryRun: boolean;
  results: { kind: string; key: string; outcome: string; id: string | null; errors: { field: string }[] }[];
  counts: Record<string, number>;
};

describe('/api/v1 records', () => {
  it('upserts a customer with its contract and reads them back by external id', async () => {
    const batch = {
      accounts: [accountRecord('API-1')],
      contacts: [{ accountExternalId: 'API-1', email: 'it@api1.example', name: 'Ida IT', invite: true }],
      subscriptions: [subscriptionRecord('API-1-S', 'API-1', { autoRenewElsewhere: true })],
    };
    const created = await documented<Batch>(await call(writer, 'POST', '/batch', batch), 'post', '/batch');
    expect(created.counts).toEqual({ created: 3, updated: 0, unchanged: 0, refused: 0 });
    // The invitation went out once, through the invitation path.
    expect(ctx.latestToken('it@api1.example', 'invitation')).toBeDefined();
    const again = await documented<Batch>(await call(writer, 'POST', '/batch', batch), 'post', '/batch');
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 3, refused: 0 });

    const account = await documented<{ id: string; externalId: string; name: string }>(
      await call(reader, 'GET', '/accounts/API-1'),
      'get',
      '/accounts/{externalId}',
    );
    expect(account).toMatchObject({ externalId: 'API-1', name: 'Customer API-1' });
    const contacts = await documented<{ data: { email: string; status: string }[] }>(
      await call(reader, 'GET', '/accounts/API-1/contacts'),
      'get',
      '/accounts/{externalId}/contacts',
    );
    expect(contacts.data).toEqual([expect.objectContaining({ email: 'it@api1.example', status: 'invited' })]);
    const subscription = await documented<Record<string, unknown>>(
      await call(reader, 'GET', '/subscriptions/API-1-S'),
      'get',
      '/subscriptions/{externalId}',
    );
    expect(subscription).toMatchObject({
      accountExternalId: 'API-1',
      planCode: 'professional',
      status: 'active',
      autoRenewEnabled: false,
      autoRenewElsewhere: true,
    });
    const missing = await call(reader, 'GET', '/accounts/NOPE');
    expect(missing.status).toBe(404);
    await documented(missing, 'get', '/accounts/{externalId}');
  });

  it('pages through accounts and subscriptions with a cursor', async () => {
    const accounts = ['PG-A', 'PG-B', 'PG-C'].map((id) => accountRecord(id));
    await call(writer, 'POST', '/accounts', { records: accounts });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/accounts?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { data: { externalId: string }[]; nextCursor: string | null } = await documented(
        await call(reader, 'GET', query),
        'get',
        '/accounts',
      );
      seen.push(...page.data.map((a) => a.externalId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => id.startsWith('PG-'))).toEqual(['PG-A', 'PG-B', 'PG-C']);
    expect(new Set(seen).size).toBe(seen.length);
    const subs = await documented<{ data: { externalId: string }[] }>(
      await call(reader, 'GET', '/subscriptions?accountExternalId=API-1'),
      'get',
      '/subscriptions',
    );
    expect(subs.data.map((s) => s.externalId)).toEqual(['API-1-S']);
    const bad = await call(reader, 'GET', '/accounts?cursor=%%%');
    expect(bad.status).toBe(400);
  });

  it('reports field errors per record and applies the valid ones', async () => {
    const response = await call(writer, 'POST', '/subscriptions', {
      records: [
        subscriptionRecord('API-1-T', 'API-1', { seats: 0 }),
        subscriptionRecord('API-1-U', 'API-1', { unitPriceMinor: 12_345 }),
      ],
    });
    const body = await documented<Batch>(response, 'post', '/subscriptions');
    expect(body.results.map((r) => [r.outcome, r.errors.map((e) => e.field)])).toEqual([
      ['refused', ['seats']],
      ['created', []],
    ]);
    const malformed = await call(writer, 'POST', '/accounts', { records: 'lots' });
    expect(malformed.status).toBe(400);
    await documented(malformed, 'post', '/accounts');
  });

  it('changes nothing on a dry run', async () => {
    const response = await call(writer, 'POST', '/accounts?dryRun=true', {
      records: [accountRecord('API-DRY')],
    });
    const body = await documented<Batch>(response, 'post', '/accounts');
    expect(body).toMatchObject({ dryRun: true, counts: { created: 1 } });
    expect((await call(reader, 'GET', '/accounts/API-DRY')).status).toBe(404);
  });

  it('refuses a key without the scope with 403, and a missing key with 401', async () => {
    const usage = await call(usageOnly, 'POST', '/accounts', { records: [accountRecord('API-X')] });
    expect(usage.status).toBe(403);
    const refusal = await documented<{ error: { message: string } }>(usage, 'post', '/accounts');
    const message = refusal.error.message;
    expect(message).toContain('accounts:write');
    expect((await call(usageOnly, 'GET', '/accounts/API-1')).status).toBe(403);
    // A read-only key cannot write.
    expect((await call(reader, 'POST', '/accounts', { records: [] })).status).toBe(403);
    const anonymous = await ctx.client().request('/api/v1/accounts', { origin: null });
    expect(anonymous.status).toBe(401);
  });

  it('creates one account when the same external id is upserted concurrently', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(writer, 'POST', '/accounts', {
          records: [accountRecord('API-RACE', { name: i % 2 ? 'Race Odd' : 'Race Even' })],
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    const outcomes = await Promise.all(
      responses.map(async (r) => ((await r.json()) as Batch).results[0]?.outcome),
    );
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.every((o) => o === 'created' || o === 'updated' || o === 'unchanged')).toBe(true);
    const rows = await ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('external_id', '=', 'API-RACE')
      .execute();
    expect(rows).toHaveLength(1);
    const created = await ctx.db
      .selectFrom('events')
      .select('id')
      .where('type', '=', 'account.created')
      .where('account_id', '=', rows[0]?.id ?? '')
      .execute();
    expect(created).toHaveLength(1);
  });
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1, states the batch size and rate limit, and lists every /api/v1 records route', () => {
    expect(openapi.openapi).toBe('3.1.0');
    const info = openapi.info as { description: string };
    expect(info.description).toContain('500 records');
    expect(info.description).toMatch(/\d+ requests per 60 s per API key/);
    const paths = Object.keys(openapi.paths as object);
    const routes = (ctx.app.routes as { method: string; path: string }[])
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL')
      .filter((r) => !/^\/api\/v1\/(openapi\.json|docs)/.test(r.path))
      .map((r) => r.path.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}'));
    for (const path of routes) expect(paths, path).toContain(path);
  });

  it('describes /usage, /metrics and /events: their real answers match the document', async () => {
    const metrics = await documented<{ metrics: { code: string }[] }>(
      await call(usageOnly, 'GET', '/metrics'),
      'get',
      '/metrics',
    );
    const metric = metrics.metrics[0]?.code ?? 'active_users';
    const record = { subscriptionId: 'sub_nw_sales', metric, date: '2026-11-20', value: 3 };
    const pushed = await call(usageOnly, 'POST', '/usage', { records: [record] });
    expect(pushed.status).toBe(200);
    await documented(pushed, 'post', '/usage');
    const refused = await call(usageOnly, 'POST', '/usage', { records: [{ ...record, value: -1 }] });
    expect(refused.status).toBe(400);
    await documented(refused, 'post', '/usage');
    await documented(await call(writer, 'GET', '/metrics'), 'get', '/metrics');
    await call(writer, 'POST', '/accounts', { records: [accountRecord('API-EVT')] });
    await dispatchEvents(ctx);
    const feed = await call(eventsReader, 'GET', '/events?limit=5');
    expect(feed.status).toBe(200);
    const page = await documented<{ events: unknown[] }>(feed, 'get', '/events');
    expect(page.events.length).toBeGreaterThan(0);
    const bad = await call(eventsReader, 'GET', '/events?after=nope');
    expect(bad.status).toBe(400);
    await documented(bad, 'get', '/events');
    await documented(await call(usageOnly, 'GET', '/events'), 'get', '/events');
  });

  it('has an interactive reference served by the portal itself', async () => {
    const page = await ctx.client().request('/api/v1/docs', { origin: null });
    expect(page.status).toBe(200);
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThan(2);
    for (const source of sources) {
      expect(source.startsWith('/api/v1/docs/')).toBe(true);
      const asset = await ctx.client().request(source, { origin: null });
      expect(asset.status, source).toBe(200);
    }
    expect((await ctx.client().request('/api/v1/docs/..%2Fpackage.json', { origin: null })).status).toBe(404);
  });
});
