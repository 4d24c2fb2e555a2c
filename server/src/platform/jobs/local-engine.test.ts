import { afterEach, describe } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { engineContract } from '../../testing/job-engines.ts';
import { openDatabase } from '../db/connection.ts';
import { createLogger } from '../logger.ts';
import { createLocalEngine } from './local-engine.ts';

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
