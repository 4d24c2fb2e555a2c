import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { engineContract } from '../../testing/job-engines.ts';
import { openDatabase } from '../db/connection.ts';
import { createLogger } from '../logger.ts';
import { createLocalEngine } from './local-engine.ts';
import { listTakeable, takeJob } from './queue-repo.ts';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('the in-process engine on SQLite, two processes on one file', () => {
  engineContract(async () => {
    const ctx: TestContext = await createTestContext({ seed: false });
    const other = openDatabase(ctx.config.databasePath);
    const deps = { clock: ctx.clock, logger: createLogger('silent'), pollMs: 10 };
    const a = createLocalEngine({ ...deps, db: ctx.db });
    const b = createLocalEngine({ ...deps, db: other.db });
    cleanup.push(async () => {
      await a.stop();
      await b.stop();
      await other.close();
      await ctx.dispose();
    });
    return { a, b, clock: ctx.clock };
  });
});

describe('the in-process engine: a runner killed mid-job', () => {
  it('leaves its queued job to another process once its lock ran out', async () => {
    const ctx = await createTestContext({ seed: false });
    const other = openDatabase(ctx.config.databasePath);
    let realMs = Date.parse('2027-01-01T00:00:00Z');
    const deps = { clock: ctx.clock, logger: createLogger('silent'), now: () => realMs, pollMs: 10 };
    const survivor = createLocalEngine({ ...deps, db: other.db });
    cleanup.push(async () => {
      await survivor.stop();
      await other.close();
      await ctx.dispose();
    });
    const ran: unknown[] = [];
    survivor.define({ name: 'sync-soon', run: async (payload: object) => void ran.push(payload) });
    await survivor.enqueue('sync-soon', { payout: 'po_1' }, { singletonKey: 'payouts' });
    // The killed process had taken it: locked for a minute, never finished, never renewed.
    const [row] = await listTakeable(ctx.db, { names: ['sync-soon'], nowMs: realMs, limit: 1 });
    expect(
      await takeJob(ctx.db, {
        id: row?.id ?? '',
        owner: 'killed',
        nowMs: realMs,
        lockedUntilMs: realMs + 60_000,
      }),
    ).toBe(true);
    // Still locked by the dead runner: nobody may take it.
    expect(await listTakeable(other.db, { names: ['sync-soon'], nowMs: realMs + 59_000, limit: 1 })).toEqual(
      [],
    );
    realMs += 61_000;
    await survivor.start();
    await vi.waitFor(() => expect(ran).toEqual([{ payout: 'po_1' }]), { timeout: 10_000, interval: 20 });
  });
});
