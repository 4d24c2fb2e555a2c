// Every customer route, tried by every other kind of user: roles are enforced on the server, and another
// account's ids answer 404 exactly as ids that do not exist.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.dispose();
});

type Call = { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; json?: unknown };

const CUSTOMER_READS: Call[] = [
  { method: 'GET', path: '/api/subscriptions' },
  { method: 'GET', path: '/api/subscriptions/sub_nw_platform' },
  { method: 'GET', path: '/api/account/users' },
];
const ADMIN_WRITES: Call[] = [
  { method: 'PUT', path: '/api/subscriptions/sub_nw_platform/auto-renew', json: { enabled: false } },
  {
    method: 'POST',
    path: '/api/account/users',
    json: { email: 'new@northwind.example', name: 'New', role: 'customer_member' },
  },
  { method: 'PUT', path: '/api/account/users/usr_morgan/role', json: { role: 'customer_admin' } },
  { method: 'DELETE', path: '/api/account/users/usr_morgan' },
];

async function call(email: string | null, c: Call) {
  const client = email ? await ctx.signedIn(email) : ctx.client();
  return client.request(c.path, { method: c.method, json: c.json });
}

describe('roles', () => {
  it.each([...CUSTOMER_READS, ...ADMIN_WRITES])('refuses a signed-out caller: $method $path', async (c) => {
    const response = await call(null, c);
    expect(response.status).toBe(401);
  });

  it.each(['finance@vendor.example', 'ops@vendor.example'])(
    'refuses vendor staff (%s) on customer routes',
    async (email) => {
      for (const c of [...CUSTOMER_READS, ...ADMIN_WRITES]) {
        const response = await call(email, c);
        expect(response.status, `${c.method} ${c.path}`).toBe(403);
        expect(await errorCode(response)).toBe('forbidden');
      }
    },
  );

  it('lets a member read but not change', async () => {
    for (const c of CUSTOMER_READS) expect((await call('morgan@northwind.example', c)).status).toBe(200);
    for (const c of ADMIN_WRITES) {
      const response = await call('morgan@northwind.example', c);
      expect(response.status, `${c.method} ${c.path}`).toBe(403);
    }
  });
});

describe('isolation between accounts', () => {
  const OTHER_ACCOUNT_CALLS: Call[] = [
    { method: 'GET', path: '/api/subscriptions/sub_nw_platform' },
    { method: 'PUT', path: '/api/subscriptions/sub_nw_platform/auto-renew', json: { enabled: false } },
    { method: 'PUT', path: '/api/account/users/usr_morgan/role', json: { role: 'customer_admin' } },
    { method: 'DELETE', path: '/api/account/users/usr_morgan' },
  ];

  it.each(OTHER_ACCOUNT_CALLS)(
    'answers 404 to Harbor’s admin for Northwind’s ids: $method $path',
    async (c) => {
      const response = await call('li.wei@harbor.example', c);
      expect(response.status).toBe(404);
      expect(await errorCode(response)).toBe('not_found');
    },
  );

  it('answers the same 404 for an id that does not exist', async () => {
    const harbor = await ctx.signedIn('li.wei@harbor.example');
    const missing = await harbor.get('/api/subscriptions/sub_does_not_exist');
    const foreign = await harbor.get('/api/subscriptions/sub_nw_platform');
    expect(await missing.json()).toEqual(await foreign.json());
  });

  it('lists only the caller’s own subscriptions and users', async () => {
    const harbor = await ctx.signedIn('li.wei@harbor.example');
    const subs = (await (await harbor.get('/api/subscriptions')).json()) as {
      subscriptions: { id: string }[];
    };
    expect(subs.subscriptions.map((s) => s.id).sort()).toEqual(['sub_hb_fleet', 'sub_hb_port']);
    const users = (await (await harbor.get('/api/account/users')).json()) as { users: { email: string }[] };
    expect(users.users.map((u) => u.email)).toEqual(['li.wei@harbor.example']);
  });

  it('left Northwind untouched after all of that', async () => {
    const row = await ctx.db
      .selectFrom('subscriptions')
      .select('auto_renew_enabled')
      .where('id', '=', 'sub_nw_platform')
      .executeTakeFirstOrThrow();
    expect(row.auto_renew_enabled).toBe(1);
    const morgan = await ctx.db
      .selectFrom('users')
      .select('role')
      .where('id', '=', 'usr_morgan')
      .executeTakeFirstOrThrow();
    expect(morgan.role).toBe('customer_member');
  });
});
