import { defineConfig } from 'vitest/config';

// One vitest run covers every package; each package keeps its own environment.
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'web'],
    reporters: process.env.CI ? ['dot'] : ['default'],
  },
});
