import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { startTestPostgres, type TestPostgres } from '../../testing/postgres-instance.ts';
import { type Db, type OpenDatabase, openDatabase } from '../db/connection.ts';
import * as jobsPlatform from '../db/migrations/0012-jobs-platform.ts';
import { createStripeBudget, isStripeRateLimited, stripeAccountKey, withinBudget } from './rate-budget.ts';

let ctx: TestContext;
let other: OpenDatabase;
beforeEach(async () => {
  ctx = await createTestContext({ seed: false });
  other = openDatabase(ctx.config.databasePath);
});
afterEach(async () => {
  await other.close();
  await ctx.dispose();
});

/** Time as the budgets see it: moved on only by their own waits, so the test does not depend on the machine. */
function virtualTime(startMs = 1_000_000) {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    sleep: async (ms: number) => {
      nowMs += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** The most calls granted in any window of `windowMs` (sliding over the grant times). */
function busiestWindow(grants: number[], windowMs: number): number {
  const sorted = [...grants].sort((x, y) => x - y);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('the Stripe rate budget', () => {
  it('keeps two callers in two processes within one budget together', async () => {
    await expectOneBudgetForTwoCallers(ctx.db, other.db);
  });

  it('keeps separate Stripe accounts apart', async () => {
    const time = virtualTime();
    const a = createStripeBudget(ctx.db, { account: 'acct_a', ratePerSecond: 1, burst: 1, ...time });
    const b = createStripeBudget(ctx.db, { account: 'acct_b', ratePerSecond: 1, burst: 1, ...time });
    await a.take();
    await b.take();
    expect(time.now()).toBe(1_000_000); // neither waited for the other
    expect(stripeAccountKey('sk_live_one')).not.toBe(stripeAccountKey('sk_live_two'));
    expect(stripeAccountKey('sk_live_one')).not.toContain('sk_live');
  });

  it('pauses every caller of the account after a 429, then retries', async () => {
    const time = virtualTime();
    const options = { account: 'acct_test', ratePerSecond: 20, burst: 5, ...time };
    const sync = createStripeBudget(ctx.db, options);
    const run = createStripeBudget(other.db, options);
    let calls = 0;
    let rateLimited = 0;
    const result = await withinBudget(
      sync,
      async () => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('Too many requests'), { statusCode: 429 });
        return 'listed';
      },
      { sleep: async () => {}, onRateLimited: () => rateLimited++ },
    );
    expect(result).toBe('listed');
    expect(rateLimited).toBe(1);
    // The pause was written to the shared row: the other caller waited it out before its call.
    const before = time.now();
    await run.take();
    expect(time.now()).toBeGreaterThan(before);
    expect(isStripeRateLimited({ type: 'StripeRateLimitError' })).toBe(true);
    expect(isStripeRateLimited(new Error('card declined'))).toBe(false);
  });
});

/** Two processes (two connections to one database), e.g. the renewal run and the finance sync, each calling
 * as fast as it is let: together they stay within one budget. */
async function expectOneBudgetForTwoCallers(first: Db, second: Db): Promise<void> {
  const time = virtualTime();
  const options = { account: 'acct_test', ratePerSecond: 20, burst: 5, ...time };
  // Two processes (two connections to one database), e.g. the renewal run and the finance sync, each
  // calling as fast as it is let.
  const renewalRun = createStripeBudget(first, options);
  const financeSync = createStripeBudget(second, options);
  const grants: Record<string, number[]> = { renewalRun: [], financeSync: [] };
  const caller = async (name: string, budget: typeof renewalRun) => {
    for (let i = 0; i < 60; i++) {
      await budget.take();
      grants[name]?.push(time.now());
    }
  };
  await Promise.all([caller('renewalRun', renewalRun), caller('financeSync', financeSync)]);

  const all = [...(grants.renewalRun ?? []), ...(grants.financeSync ?? [])];
  expect(all).toHaveLength(120);
  // Each caller alone got far more than half the rate would allow it by itself: they shared one budget.
  expect(busiestWindow(all, 1_000)).toBeLessThanOrEqual(20 + 5);
  expect(busiestWindow(all, 1_000)).toBeLessThan(25 + 1); // under Stripe's 25/s
  // Over the whole span: at most the burst plus the rate × the time it took.
  const spanMs = Math.max(...all) - Math.min(...all);
  expect(all.length).toBeLessThanOrEqual(5 + Math.ceil((spanMs / 1000) * 20) + 1);
  expect(grants.renewalRun?.length).toBe(60);
  expect(grants.financeSync?.length).toBe(60);
}

describe('the Stripe rate budget on PostgreSQL', () => {
  let postgres: TestPostgres | undefined;
  beforeAll(async () => {
    postgres = await startTestPostgres();
  }, 120_000);
  afterAll(async () => {
    await postgres?.stop();
  });

  it('keeps two callers on two connection pools within one budget together', async () => {
    const url = await (postgres as TestPostgres).createDatabase();
    const open = (): Db =>
      new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
    const first = open();
    const second = open();
    try {
      await jobsPlatform.up(first as never);
      await expectOneBudgetForTwoCallers(first, second);
    } finally {
      await first.destroy();
      await second.destroy();
    }
  });
});
