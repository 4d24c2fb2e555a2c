// The job engine on PostgreSQL, against a real PostgreSQL started by the test (testing/postgres-instance.ts): two
// engines (two instances) on one database keep the promises of testing/job-engines.ts.

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { engineContract } from '../../testing/job-engines.ts';
import { startTestPostgres, type TestPostgres } from '../../testing/postgres-instance.ts';
import { createFixedClock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import * as jobsPlatform from '../db/migrations/0012-jobs-platform.ts';
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
    const open = (): Db =>
      new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4 }) }) });
    const dbA = open();
    const dbB = open();
    cleanup.push(async () => {
      await dbA.destroy();
      await dbB.destroy();
    });
    await createJobTables(dbA);
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

/**
 * The job platform's tables only: the job ledger as 0005 creates it, and 0012. (The other migrations become
 * portable on the pg branch; once it is merged this can be `migrateToLatest`.)
 */
async function createJobTables(db: Db): Promise<void> {
  await db.schema
    .createTable('job_ledger')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('detail_json', 'text')
    .execute();
  await jobsPlatform.up(db as never);
}
