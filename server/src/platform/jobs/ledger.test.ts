import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { openDatabase } from '../db/connection.ts';
import { claimAction, completeAction, releaseAction } from './ledger.ts';
import { finishRun, hasRunFor, lastCompletedRunDate, listRuns, startRun } from './runs.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ seed: false });
});
afterEach(async () => {
  await ctx.dispose();
});

const at = (iso: string) => new Date(iso);

describe('the job ledger', () => {
  it('records an action once: the second claim finds it busy, then done', async () => {
    const input = { key: 'notice:sub_1:2027-03-01:30', job: 'renewals', now: at('2027-01-30T02:00:00Z') };
    expect(await claimAction(ctx.db, { ...input, runId: 'run_a' })).toEqual({ kind: 'claimed', attempts: 1 });
    expect(await claimAction(ctx.db, { ...input, runId: 'run_b' })).toEqual({ kind: 'busy' });
    await completeAction(ctx.db, input.key, { outcome: 'sent', now: input.now });
    expect(await claimAction(ctx.db, { ...input, runId: 'run_c' })).toEqual({
      kind: 'done',
      outcome: 'sent',
    });
  });

  it('lets the next run resume a claim whose runner stopped, once its lease is over', async () => {
    const key = 'charge:sub_1:2027-03-01';
    await claimAction(ctx.db, { key, job: 'renewals', runId: 'run_a', now: at('2027-03-01T02:00:00Z') });
    const early = await claimAction(ctx.db, {
      key,
      job: 'renewals',
      runId: 'run_b',
      now: at('2027-03-01T02:05:00Z'),
    });
    expect(early).toEqual({ kind: 'busy' });
    const late = await claimAction(ctx.db, {
      key,
      job: 'renewals',
      runId: 'run_b',
      now: at('2027-03-01T02:11:00Z'),
    });
    expect(late).toMatchObject({ kind: 'resumed', attempts: 2 });
    // Only one of two late runners gets it.
    const third = await claimAction(ctx.db, {
      key,
      job: 'renewals',
      runId: 'run_c',
      now: at('2027-03-01T02:11:00Z'),
    });
    expect(third).toEqual({ kind: 'busy' });
  });

  it('a released claim is resumed at once', async () => {
    const key = 'charge:sub_2:2027-03-01';
    const now = at('2027-03-01T02:00:00Z');
    await claimAction(ctx.db, { key, job: 'renewals', runId: 'run_a', now });
    await releaseAction(ctx.db, key, { reason: 'rate_limited', now });
    expect(await claimAction(ctx.db, { key, job: 'renewals', runId: 'run_b', now })).toMatchObject({
      kind: 'resumed',
      previousDetail: JSON.stringify({ released: 'rate_limited' }),
    });
  });

  it('holds across two connections to the same database (two processes)', async () => {
    const other = openDatabase(ctx.config);
    try {
      const now = at('2027-03-01T02:00:00Z');
      const results = await Promise.all(
        ['run_a', 'run_b', 'run_c', 'run_d'].map((runId, i) =>
          claimAction(i % 2 ? other.db : ctx.db, {
            key: 'charge:sub_3:2027-03-01',
            job: 'renewals',
            runId,
            now,
          }),
        ),
      );
      expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'busy')).toHaveLength(3);
    } finally {
      await other.close();
    }
  });
});

describe('job runs', () => {
  it('knows whether today ran and which day the last completed run covered', async () => {
    const now = at('2027-03-01T02:00:00Z');
    expect(await lastCompletedRunDate(ctx.db, 'renewals')).toBeNull();
    const id = await startRun(ctx.db, { job: 'renewals', forDate: '2027-03-01', trigger: 'test', now });
    expect(await hasRunFor(ctx.db, { job: 'renewals', forDate: '2027-03-01', now })).toBe(true);
    // A run that stopped beating is no longer "running" for the trigger, and shows as interrupted.
    const later = at('2027-03-01T03:00:00Z');
    expect(await hasRunFor(ctx.db, { job: 'renewals', forDate: '2027-03-01', now: later })).toBe(false);
    expect((await listRuns(ctx.db, { job: 'renewals', limit: 5, now: later }))[0]?.status).toBe(
      'interrupted',
    );
    await finishRun(ctx.db, id, { stats: { sent: 2 }, now: later });
    expect(await hasRunFor(ctx.db, { job: 'renewals', forDate: '2027-03-01', now: later })).toBe(true);
    expect(await lastCompletedRunDate(ctx.db, 'renewals')).toBe('2027-03-01');
    expect((await listRuns(ctx.db, { job: 'renewals', limit: 5, now: later }))[0]).toMatchObject({
      status: 'succeeded',
      stats: { sent: 2 },
    });
  });
});
