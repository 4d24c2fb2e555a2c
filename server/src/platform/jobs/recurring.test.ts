import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { createLogger } from '../logger.ts';
import { runExclusive, runRecurringOnce } from './recurring.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ seed: false });
});
afterEach(async () => {
  await ctx.dispose();
});

it('runs a recurring job at most once per interval across processes, and again after it', async () => {
  let realMs = Date.parse('2027-01-01T00:00:00Z');
  const deps = { db: ctx.db, clock: ctx.clock, logger: createLogger('silent'), now: () => realMs };
  let runs = 0;
  const job = { name: 'sweep', schedule: { every: 5 * 60_000 }, run: async () => void runs++ };
  expect(await runRecurringOnce(deps, job, { keepForInterval: true })).toBe('ran');
  realMs += 60_000;
  expect(await runRecurringOnce(deps, job, { keepForInterval: true })).toBe('busy');
  realMs += 4 * 60_000;
  expect(await runRecurringOnce(deps, job, { keepForInterval: true })).toBe('ran');
  expect(runs).toBe(2);
});

it('lets another process take a job whose holder died once its lease ran out', async () => {
  let realMs = Date.parse('2027-01-01T00:00:00Z');
  const deps = { db: ctx.db, logger: createLogger('silent'), now: () => realMs, leaseTtlMs: 60_000 };
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  // A holder that stops renewing (a process killed with -9 leaves its lease like this).
  const dead = runExclusive({ ...deps, leaseTtlMs: 60_000 }, 'renewals', () => held);
  await new Promise((resolve) => setImmediate(resolve));
  expect(await runExclusive(deps, 'renewals', async () => 'second')).toBe('busy');
  realMs += 61_000;
  expect(await runExclusive(deps, 'renewals', async () => 'second')).toBe('second');
  release();
  await dead;
});
