// SQL of the Stripe rate budget: one row per Stripe account, changed by compare-and-set. A caller reads the
// row, computes, and writes only if the version it read is still there; otherwise another caller (process,
// instance) got in between and it reads again. Single statements only, so no lock is held between them and
// the same code holds on SQLite (one writer at a time) and on PostgreSQL (the UPDATE's row lock decides).

import type { DbOrTx } from '../db/connection.ts';

export type BudgetRow = { tokens: number; refilledAtMs: number; pausedUntilMs: number; version: number };

/** The account's row, created full on first use. */
export async function readBudget(db: DbOrTx, account: string, seed: { tokens: number; nowMs: number }) {
  const find = () =>
    db
      .selectFrom('stripe_rate_budgets')
      .select(['tokens', 'refilled_at_ms', 'paused_until_ms', 'version'])
      .where('account', '=', account)
      .executeTakeFirst();
  let row = await find();
  if (!row) {
    await db
      .insertInto('stripe_rate_budgets')
      .values({ account, tokens: seed.tokens, refilled_at_ms: seed.nowMs, paused_until_ms: 0, version: 0 })
      .onConflict((oc) => oc.column('account').doNothing())
      .execute();
    row = await find();
  }
  if (!row) throw new Error(`no rate budget row for ${account}`);
  return {
    tokens: Number(row.tokens),
    refilledAtMs: Number(row.refilled_at_ms),
    pausedUntilMs: Number(row.paused_until_ms),
    version: Number(row.version),
  } satisfies BudgetRow;
}

/** Writes the new state if the row is still at `version`; false when another caller changed it first. */
export async function compareAndSetBudget(
  db: DbOrTx,
  account: string,
  version: number,
  next: { tokens: number; refilledAtMs: number; pausedUntilMs: number },
): Promise<boolean> {
  const result = await db
    .updateTable('stripe_rate_budgets')
    .set({
      tokens: next.tokens,
      refilled_at_ms: next.refilledAtMs,
      paused_until_ms: next.pausedUntilMs,
      version: version + 1,
    })
    .where('account', '=', account)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
