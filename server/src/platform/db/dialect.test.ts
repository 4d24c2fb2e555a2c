// What decision 013 promises, on whichever dialect the project runs (server: SQLite, server-pg: PostgreSQL):
// numbers are numbers, text compares byte by byte (dates as text give the same ranges), search ignores ASCII
// case only, read-then-write transactions are serial, and row locks are accepted.

import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { containsText } from './text-search.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

const at = '2026-11-23T12:00:00.000Z';

async function putSettings(keys: string[]) {
  await ctx.db
    .insertInto('app_settings')
    .values(keys.map((key) => ({ key, value_json: JSON.stringify(key), updated_at: at })))
    .execute();
}

it('returns counts, sums and money as numbers', async () => {
  const row = await ctx.db
    .selectFrom('subscriptions')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('unit_price_minor').as('total'),
      eb.fn.max<number>('seats').as('most'),
    ])
    .executeTakeFirstOrThrow();
  expect(typeof row.count).toBe('number');
  expect(typeof row.total).toBe('number');
  expect(typeof row.most).toBe('number');
  expect(row.count).toBe(10);
  const price = await ctx.db.selectFrom('plan_prices').select('unit_amount_minor').executeTakeFirstOrThrow();
  expect(typeof price.unit_amount_minor).toBe('number');
});

it('stores money beyond 32 bits', async () => {
  const big = 9_000_000_000_000; // 90 billion in minor units
  await ctx.db.updateTable('plan_prices').set({ unit_amount_minor: big }).execute();
  const row = await ctx.db.selectFrom('plan_prices').select('unit_amount_minor').executeTakeFirstOrThrow();
  expect(row.unit_amount_minor).toBe(big);
});

it('compares and sorts text byte by byte, so ranges over ISO dates and keys return the same rows', async () => {
  const keys = [
    'zz:2026-11-23T12:00:00.000Z',
    'zz:2026-11-23T09:00:00.000Z',
    'zz:2026-11-23',
    'zz:2026-11-22T23:59:59.999Z',
    'zz:B',
    'zz:a',
    'zz:a-b',
    'zz:ab',
    'zz:Z',
    'zz:_x',
  ];
  await putSettings(keys);
  const sorted = await ctx.db
    .selectFrom('app_settings')
    .select('key')
    .where('key', 'like', 'zz:%')
    .orderBy('key')
    .execute();
  const bytewise = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  expect(sorted.map((r) => r.key)).toEqual(bytewise);

  const range = await ctx.db
    .selectFrom('app_settings')
    .select('key')
    .where('key', '>=', 'zz:2026-11-23')
    .where('key', '<', 'zz:2026-11-23T10')
    .orderBy('key')
    .execute();
  expect(range.map((r) => r.key)).toEqual(['zz:2026-11-23', 'zz:2026-11-23T09:00:00.000Z']);

  const upperOnly = await ctx.db
    .selectFrom('app_settings')
    .select('key')
    .where('key', '>=', 'zz:A')
    .where('key', '<', 'zz:a')
    .orderBy('key')
    .execute();
  expect(upperOnly.map((r) => r.key)).toEqual(['zz:B', 'zz:Z', 'zz:_x']);
});

it('searches ignoring the case of ASCII letters only, with wildcards taken literally', async () => {
  await putSettings(['s:ACME GmbH', 's:acme inc', 's:Émile', 's:émile', 's:50% off', 's:500 off']);
  const search = async (term: string) =>
    (
      await ctx.db
        .selectFrom('app_settings')
        .select('key')
        .where('key', 'like', 's:%')
        .where((eb) => containsText(eb.ref('key'), term))
        .orderBy('key')
        .execute()
    ).map((r) => r.key);
  expect(await search('Acme')).toEqual(['s:ACME GmbH', 's:acme inc']);
  expect(await search('émile')).toEqual(['s:émile']);
  expect(await search('50%')).toEqual(['s:50% off']);
});

it('runs read-then-write transactions as if one at a time', async () => {
  await putSettings(['counter']);
  await ctx.db.updateTable('app_settings').set({ value_json: '0' }).where('key', '=', 'counter').execute();
  await Promise.all(
    Array.from({ length: 8 }, () =>
      ctx.db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom('app_settings')
          .select('value_json')
          .where('key', '=', 'counter')
          .forUpdate()
          .executeTakeFirstOrThrow();
        await sql`select 1`.execute(tx); // give the others a chance to interleave
        await tx
          .updateTable('app_settings')
          .set({ value_json: String(Number(row.value_json) + 1) })
          .where('key', '=', 'counter')
          .execute();
      }),
    ),
  );
  const row = await ctx.db
    .selectFrom('app_settings')
    .select('value_json')
    .where('key', '=', 'counter')
    .executeTakeFirstOrThrow();
  expect(row.value_json).toBe('8');
});

it('also keeps a read-then-write without a row lock serial (serialisable on PostgreSQL)', async () => {
  await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      ctx.db.transaction().execute(async (tx) => {
        const existing = await tx
          .selectFrom('app_settings')
          .select('key')
          .where('key', 'like', 'once:%')
          .executeTakeFirst();
        if (existing) return;
        await sql`select 1`.execute(tx);
        await tx
          .insertInto('app_settings')
          .values({ key: `once:${i}`, value_json: '1', updated_at: at })
          .execute();
      }),
    ),
  );
  const rows = await ctx.db.selectFrom('app_settings').select('key').where('key', 'like', 'once:%').execute();
  expect(rows).toHaveLength(1);
});
