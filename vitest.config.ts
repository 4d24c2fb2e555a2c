import { defineConfig } from 'vitest/config';

// One vitest run covers every package; each package keeps its own environment. The server suite runs twice:
// on SQLite (server) and on PostgreSQL (server-pg, decision 013).
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'server/vitest.pg.config.ts', 'web'],
    reporters: process.env.CI ? ['dot'] : ['default'],
  },
});
