// Compiled hot queries (prepared.ts, decision 022) on whichever dialect the project runs: the same rows as the
// builder's own query for every call's values, constants kept, writes counted, and misuse refused.

import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { preparedQuery } from './prepared.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

const byAccount = preparedQuery((db, p: { accountId: string; minSeats: number }) =>
  db
    .selectFrom('subscriptions')
    .select(['id', 'seats'])
    .where('account_id', '=', p.accountId)
    .where('seats', '>=', p.minSeats)
    .where('currency', 'in', ['USD', 'EUR', 'CNY', 'GBP'])
    .orderBy('id'),
);

it('returns what the same query built per call returns, for each call’s values', async () => {
  const accounts = await ctx.db.selectFrom('accounts').select('id').orderBy('id').execute();
  expect(accounts.length).toBeGreaterThan(1);
  for (const { id } of accounts) {
    for (const minSeats of [0, 10, 1_000_000]) {
      const expected = await ctx.db
        .selectFrom('subscriptions')
        .select(['id', 'seats'])
        .where('account_id', '=', id)
        .where('seats', '>=', minSeats)
        .where('currency', 'in', ['USD', 'EUR', 'CNY', 'GBP'])
        .orderBy('id')
        .execute();
      expect(await byAccount.all(ctx.db, { accountId: id, minSeats })).toEqual(expected);
      expect(await byAccount.first(ctx.db, { accountId: id, minSeats })).toEqual(expected[0]);
    }
  }
  const some = await byAccount.all(ctx.db, { accountId: accounts[0]?.id ?? '', minSeats: 0 });
  expect(some.length).toBeGreaterThan(0);
});

it('runs inside a transaction and counts the rows a write changed', async () => {
  const rename = preparedQuery((db, p: { id: string; label: string }) =>
    db.updateTable('subscriptions').set({ label: p.label }).where('id', '=', p.id),
  );
  const first = await ctx.db.selectFrom('subscriptions').select('id').orderBy('id').executeTakeFirstOrThrow();
  const changed = await ctx.db
    .transaction()
    .execute((tx) => rename.run(tx, { id: first.id, label: 'Renamed once' }));
  expect(changed).toBe(1);
  expect(await rename.run(ctx.db, { id: 'sub_missing', label: 'x' })).toBe(0);
  const row = await ctx.db
    .selectFrom('subscriptions')
    .select('label')
    .where('id', '=', first.id)
    .executeTakeFirstOrThrow();
  expect(row.label).toBe('Renamed once');
});

it('refuses a placeholder that is not a single value', async () => {
  const unused = preparedQuery((db, _p: { accountId: string }) => db.selectFrom('accounts').select('id'));
  await expect(unused.all(ctx.db, { accountId: 'acct_1' })).rejects.toThrow(/is not a parameter/);
  const asIdentifier = preparedQuery((db, p: { column: string }) =>
    db
      .selectFrom('accounts')
      .select('id')
      .orderBy(p.column as 'id'),
  );
  await expect(asIdentifier.all(ctx.db, { column: 'id' })).rejects.toThrow(/not a value/);
});
