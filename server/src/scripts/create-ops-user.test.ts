// `pnpm ops:create-user` (decision 026): the first staff user of a portal started from an empty database.
// Runs the script's command on the test database (SQLite, and PostgreSQL with the server-pg project).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLANS } from '../seed/catalog.ts';
import { seedDemoData, seedSampleCatalog } from '../seed/index.ts';
import { createTestContext, type TestContext } from '../testing/harness.ts';
import { createOpsUserCommand } from './create-ops-user.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
}, 60_000);
afterAll(async () => {
  await ctx.dispose();
});

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await createOpsUserCommand(ctx, args, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

describe('pnpm ops:create-user', () => {
  it('creates an ops user, prints its password once, and the user signs in with it; audited', async () => {
    const first = await run(['--email', 'Night.Ops@Vendor.example', '--name', 'Night shift']);
    expect(first.code, first.err).toBe(0);
    const password = /Password \(shown once[^)]*\): (\S+)/.exec(first.out)?.[1];
    expect(password).toMatch(/^[a-z2-7]{32}$/);
    const user = await ctx.db
      .selectFrom('users')
      .select(['id', 'role', 'account_id', 'status', 'password_hash', 'name'])
      .where('email', '=', 'night.ops@vendor.example')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: 'ops', account_id: null, status: 'active', name: 'Night shift' });
    expect(user.password_hash).not.toContain(password);

    const ops = await ctx.signedIn('night.ops@vendor.example', password);
    expect((await ops.get('/api/ops/workspace')).status).toBe(200);

    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_label', 'after_json'])
      .where('entity_id', '=', user.id)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'user.staff_created',
        actor_label: 'bootstrap:pnpm ops:create-user',
      }),
    ]);
  });

  it('refuses to run twice for the same e-mail (any case), changing nothing', async () => {
    const before = await ctx.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'ops@vendor.example')
      .executeTakeFirstOrThrow();
    const again = await run(['--email', 'OPS@vendor.example']);
    expect(again.code).toBe(1);
    expect(again.out).toBe('');
    expect(again.err).toContain('already exists; nothing was changed');
    const after = await ctx.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'ops@vendor.example')
      .executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
  });

  it('explains its usage for a missing or bad e-mail or role', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--email', 'not-an-address'])).err).toContain('--email must be an e-mail address');
    expect((await run(['--email', 'x@vendor.example', '--role', 'customer_admin'])).code).toBe(2);
    expect((await run(['--help'])).out).toContain('Usage: pnpm ops:create-user');
  });
});

describe('an empty database (no demo data)', () => {
  it('starts migrated and empty; the first ops user and the sample catalog make it usable; demo data stays out', async () => {
    const empty = await createTestContext({ seed: false });
    try {
      expect(await empty.db.selectFrom('users').select('id').execute()).toEqual([]);
      const created = await createOpsUserCommand(empty, ['--email', 'ops@vendor.example'], {
        out: () => {},
        err: () => {},
      });
      expect(created).toBe(0);
      expect(await seedSampleCatalog(empty.db, empty.clock)).toEqual({ seeded: true });
      expect(await seedSampleCatalog(empty.db, empty.clock)).toEqual({ seeded: false });
      const plans = await empty.db.selectFrom('plans').select('code').orderBy('code').execute();
      expect(plans.map((p) => p.code)).toEqual(DEMO_PLANS.map((p) => p.code).sort());
      // A later start with --demo seeds nothing over the vendor's catalog.
      expect(await seedDemoData(empty.db, empty.clock)).toEqual({ seeded: false });
    } finally {
      await empty.dispose();
    }
  });
});
