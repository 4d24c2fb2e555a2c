import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One vitest run covers every package; each package keeps its own environment. The server suite runs twice:
// on SQLite (server) and on PostgreSQL (server-pg, decision 013).
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'server/vitest.pg.config.ts', 'web'],
    reporters: process.env.CI ? ['dot'] : ['default'],
    // At least two workers even on two cores: the server-pg project's tests wait on PostgreSQL half the time,
    // so a second worker uses the core the first leaves idle (vitest's default there would be one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
