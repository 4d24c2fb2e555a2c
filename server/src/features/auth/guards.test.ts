// Issue 11 item 3: guards before validation on every route. The table of routes, methods and guards is read
// from the app itself (`app.routes`, with each guard middleware recorded by auth/guards.ts): a route with no
// declared guard that is not on the public list below fails, and so does a guard placed after a validator.
// Then every guarded route is called with an invalid body or query: anonymous → 401, a wrong role → 403.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GuardSpec, guardOf } from '../../platform/auth/guards.ts';
import type { SessionUser } from '../../platform/http/context.ts';
import { isValidator } from '../../platform/http/validate.ts';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';

/** Routes anyone may call, each with what protects it instead of a session. */
const PUBLIC_ROUTES: Record<string, string> = {
  'GET /api/health': 'reveals nothing but "ok"',
  'POST /api/auth/sign-in': 'the password; rate-limited per address and pair',
  'POST /api/auth/sign-out': 'ends only the caller’s own session',
  'POST /api/auth/magic-link': 'same answer for any address; rate-limited',
  'POST /api/auth/magic-link/verify': 'the single-use token; rate-limited',
  'POST /api/auth/invitations/accept': 'the single-use token; rate-limited; refused to a signed-in session',
  'GET /api/auto-renew/opt-out': 'the HMAC-signed, expiring link token',
  'POST /api/auto-renew/opt-out': 'the HMAC-signed, expiring link token',
  'POST /api/webhooks/stripe': 'Stripe’s signature over the raw body, checked before parsing',
  'GET /api/v1/openapi.json': 'describes the vendor API; holds no data',
  'GET /api/v1/docs': 'the static API reference page; holds no data',
  'GET /api/v1/docs/:asset': 'static Swagger UI files from a fixed allow-list',
};

const USERS: Record<SessionUser['role'], string> = {
  customer_admin: 'alex@northwind.example',
  customer_member: 'morgan@northwind.example',
  finance: 'finance@vendor.example',
  ops: 'ops@vendor.example',
};

type RouteEntry = { method: string; path: string; handler: unknown };
type GuardedRoute = { method: string; path: string; guard: GuardSpec | null; guardFirst: boolean };

const inner = (handler: unknown) =>
  (handler as { __COMPOSED_HANDLER?: unknown } | undefined)?.__COMPOSED_HANDLER ?? handler;

function applies(entry: RouteEntry, method: string, path: string): boolean {
  if (entry.method !== method && entry.method !== 'ALL') return false;
  if (entry.path === path) return true;
  return entry.path.endsWith('/*') && path.startsWith(entry.path.slice(0, -1));
}

/** Every API route with the guard the code declares for it, from the app's own route table. */
function routeTable(routes: readonly RouteEntry[]): GuardedRoute[] {
  const seen = new Set<string>();
  const table: GuardedRoute[] = [];
  for (const route of routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/api/')) continue;
    const id = `${route.method} ${route.path}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const chain = routes
      .filter((entry) => applies(entry, route.method, route.path))
      .map((e) => inner(e.handler));
    const guardAt = chain.findIndex((handler) => guardOf(handler));
    const validatorAt = chain.findIndex((handler) => isValidator(handler));
    table.push({
      method: route.method,
      path: route.path,
      guard: guardAt >= 0 ? (guardOf(chain[guardAt]) ?? null) : null,
      guardFirst: guardAt >= 0 && (validatorAt < 0 || guardAt < validatorAt),
    });
  }
  return table;
}

let ctx: TestContext;
let table: GuardedRoute[];
const clients: Partial<Record<SessionUser['role'], TestClient>> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  table = routeTable(ctx.app.routes as RouteEntry[]);
  for (const [role, email] of Object.entries(USERS)) {
    clients[role as SessionUser['role']] = await ctx.signedIn(email);
  }
}, 60_000);
afterAll(async () => {
  await ctx.dispose();
});

const concrete = (path: string) => path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, 'x_1');
const INVALID_QUERY = '?limit=-5&from=not-a-date&to=%00&status=%00&page=x';
const INVALID_BODY = { '\u0000': [], amountMinor: 'lots', email: 7, role: 'emperor', enabled: 'maybe' };

function callInvalid(client: TestClient, route: GuardedRoute): Promise<Response> {
  const path = concrete(route.path);
  if (route.method === 'GET') return client.get(`${path}${INVALID_QUERY}`);
  return client.request(`${path}${INVALID_QUERY}`, { method: route.method, json: INVALID_BODY });
}

describe('the route table', () => {
  it('is read from the code, and every route is guarded or explicitly public', () => {
    expect(table.length).toBeGreaterThan(50);
    const unguarded = table.filter((r) => !r.guard && !PUBLIC_ROUTES[`${r.method} ${r.path}`]);
    expect(unguarded.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // The public list holds only routes that exist and declare no guard.
    for (const id of Object.keys(PUBLIC_ROUTES)) {
      const route = table.find((r) => `${r.method} ${r.path}` === id);
      expect(route, id).toBeDefined();
      expect(route?.guard, id).toBeNull();
    }
  });

  it('puts every guard before any validator', () => {
    const late = table.filter((r) => r.guard && !r.guardFirst);
    expect(late.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('answers 401 to an anonymous caller with an invalid body on every guarded route', async () => {
    const wrong: string[] = [];
    for (const route of table.filter((r) => r.guard)) {
      const response = await callInvalid(ctx.client(), route);
      if (response.status !== 401) wrong.push(`${route.method} ${route.path} → ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to every wrong role with an invalid body on every role-guarded route', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of table) {
      if (route.guard?.kind !== 'roles') continue;
      const allowed = route.guard.roles;
      for (const role of Object.keys(USERS) as SessionUser['role'][]) {
        if (allowed.includes(role)) continue;
        const client = clients[role];
        if (!client) throw new Error(`no client for ${role}`);
        const response = await callInvalid(client, route);
        checked++;
        if (response.status !== 403)
          wrong.push(`${route.method} ${route.path} as ${role} → ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
