// `pnpm --filter @portal/server build`: the production server as plain JavaScript (docs/deployment.md).
// esbuild bundles the portal's own TypeScript (src/, @portal/shared) into dist/, one file per entry point,
// and leaves every npm package external (`packages: 'external'`): they load from node_modules as usual, so
// native addons (better-sqlite3, argon2) and files read beside a package (the PDF fonts) work unchanged.
// Nothing type-checks here (`pnpm typecheck` does); `pnpm dev` keeps running the sources with tsx.

import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const scripts = readdirSync('src/scripts')
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => `src/scripts/${name}`);

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts', ...scripts],
  outdir: 'dist',
  outbase: 'src',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // @portal/shared is a workspace package of TypeScript sources: bundled, not loaded at run time.
  alias: { '@portal/shared': '../shared/src' },
  sourcemap: 'linked',
  logLevel: 'warning',
});
