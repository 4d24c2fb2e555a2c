// SQL of the Stripe rate budget: one row per Stripe account. `lockBudget` writes the row first, which takes
// its lock for the rest of the transaction (a row lock on PostgreSQL; SQLite's write lock is already held
// since BEGIN IMMEDIATE), so the read-refill-take that follows is never interleaved with another caller's.

import type { DbOrTx } from '../db/connection.ts';

export async function lockBudget(db: DbOrTx, account: string, seed: { tokens: number; nowMs: number }) {
  const touched = await db
    .updateTable('stripe_rate_budgets')
    .set((eb) => ({ tokens: eb.ref('tokens') }))
    .where('account', '=', account)
    .executeTakeFirst();
  if (Number(touched.numUpdatedRows) === 0) {
    await db
      .insertInto('stripe_rate_budgets')
      .values({ account, tokens: seed.tokens, refilled_at_ms: seed.nowMs, paused_until_ms: 0 })
      .onConflict((oc) =>
        oc.column('account').doUpdateSet((eb) => ({ tokens: eb.ref('stripe_rate_budgets.tokens') })),
      )
      .execute();
  }
  const row = await db
    .selectFrom('stripe_rate_budgets')
    .select(['tokens', 'refilled_at_ms', 'paused_until_ms'])
    .where('account', '=', account)
    .executeTakeFirstOrThrow();
  return {
    tokens: Number(row.tokens),
    refilledAtMs: Number(row.refilled_at_ms),
    pausedUntilMs: Number(row.paused_until_ms),
  };
}

export async function saveBudget(
  db: DbOrTx,
  account: string,
  values: { tokens: number; refilledAtMs: number; pausedUntilMs?: number },
): Promise<void> {
  await db
    .updateTable('stripe_rate_budgets')
    .set({
      tokens: values.tokens,
      refilled_at_ms: values.refilledAtMs,
      ...(values.pausedUntilMs !== undefined ? { paused_until_ms: values.pausedUntilMs } : {}),
    })
    .where('account', '=', account)
    .execute();
}
