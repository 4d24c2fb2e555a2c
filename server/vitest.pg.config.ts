import { configDefaults, defineProject } from 'vitest/config';
import server from './vitest.config.ts';

/** Tests of what exists on SQLite only (the file copy by VACUUM INTO): not run on PostgreSQL. */
export const SQLITE_ONLY_TESTS = ['src/platform/db/backup.test.ts'];

// The server suite again, on PostgreSQL (decision 013): one server per run, each test context on a database of
// a shared pool, reset from a snapshot (testing/postgres.ts).
export default defineProject({
  test: {
    ...server.test,
    name: 'server-pg',
    exclude: [...(server.test?.exclude ?? configDefaults.exclude), ...SQLITE_ONLY_TESTS],
    globalSetup: ['src/testing/postgres-global-setup.ts'],
    setupFiles: ['src/testing/postgres-setup.ts'],
  },
});
