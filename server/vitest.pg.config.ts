import { configDefaults, defineProject } from 'vitest/config';
import server from './vitest.config.ts';

/** Tests of what exists on SQLite only (the file copy by VACUUM INTO): not run on PostgreSQL. */
export const SQLITE_ONLY_TESTS = [
  'src/platform/db/backup.test.ts',
  // The in-process job engine is the SQLite adapter: two processes on one file.
  'src/platform/jobs/local-engine.test.ts',
  // 100,000 rows: minutes on the shared embedded PostgreSQL; the import's other tests run on both.
  'src/features/imports/imports-100k.test.ts',
];

/** Tests that open their own databases on both dialects (their PostgreSQL from testing/postgres-instance.ts):
 * the SQLite project runs them once. */
export const BOTH_DIALECTS_BY_THEMSELVES = [
  'src/platform/jobs/pg-boss-engine.test.ts',
  'src/platform/stripe/rate-budget.test.ts',
];

// The server suite again, on PostgreSQL (decision 013): one server per run, each test context on a database of
// a shared pool, reset from a snapshot (testing/postgres.ts).
export default defineProject({
  test: {
    ...server.test,
    name: 'server-pg',
    exclude: [
      ...(server.test?.exclude ?? configDefaults.exclude),
      ...SQLITE_ONLY_TESTS,
      ...BOTH_DIALECTS_BY_THEMSELVES,
    ],
    globalSetup: ['src/testing/postgres-global-setup.ts'],
    setupFiles: ['src/testing/postgres-setup.ts'],
  },
});
