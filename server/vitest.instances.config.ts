import { defineProject } from 'vitest/config';

// The several-instances test (issue 12 item 4, decision 023): spawns three compiled portal processes on an
// embedded PostgreSQL, so it runs on its own (`pnpm test:instances`, a step of `pnpm test` after the unit
// suites), one file, generous timeouts. The global setup builds server/dist unless it is fresh.
export default defineProject({
  test: {
    name: 'server-instances',
    include: ['src/**/*.itest.ts'],
    globalSetup: ['src/testing/compiled-server.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
