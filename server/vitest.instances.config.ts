import { defineProject } from 'vitest/config';

// The several-instances test (issue 12 item 4): spawns three portal processes on an embedded PostgreSQL, so
// it runs on its own (`pnpm test:instances`), one file, generous timeouts, never inside `pnpm test:unit`.
export default defineProject({
  test: {
    name: 'server-instances',
    include: ['src/**/*.itest.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
