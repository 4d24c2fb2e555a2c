// The job engine on PostgreSQL, against a real PostgreSQL started by the test (testing/postgres-instance.ts): two
// engines (two instances) on one database keep the promises of testing/job-engines.ts.

import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { engineContract } from '../../testing/job-engines.ts';
import { startTestPostgres, type TestPostgres } from '../../testing/postgres-instance.ts';
import { createFixedClock } from '../clock.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createLogger } from '../logger.ts';
import { createPgBossEngine } from './pg-boss-engine.ts';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
});

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('the pg-boss engine on PostgreSQL, two instances on one database', () => {
  engineContract(async () => {
    const url = await postgres.createDatabase();
    // Two instances: two connection pools on one database, migrated as the portal migrates it at start.
    const open = () => openDatabase({ databaseUrl: url, databasePath: ':memory:' });
    const instanceA = open();
    const instanceB = open();
    cleanup.push(async () => {
      await instanceA.close();
      await instanceB.close();
    });
    const [dbA, dbB] = [instanceA.db, instanceB.db];
    await migrateToLatest(dbA);
    const clock = createFixedClock('2027-03-01T12:00:00Z');
    const deps = {
      clock,
      logger: createLogger('silent'),
      connectionString: url,
      pollingIntervalSeconds: 0.5,
    };
    const a = createPgBossEngine({ ...deps, db: dbA });
    const b = createPgBossEngine({ ...deps, db: dbB });
    cleanup.push(async () => {
      await a.stop();
      await b.stop();
    });
    return { a, b, clock };
  });
});
