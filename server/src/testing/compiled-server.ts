// Global setup of the several-instances test (vitest.instances.config.ts): the instances run the compiled
// server, as production does (`node dist/main.js`, decision 016), so `server/dist` is built here once, unless
// it is newer than every source it is built from (the portal's src/ and @portal/shared's).

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const COMPILED_MAIN = join(serverRoot, 'dist', 'main.js');

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.ts') || name.includes('node_modules')) continue;
    newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
  }
  return newest;
}

export function isCompiledServerFresh(): boolean {
  if (!existsSync(COMPILED_MAIN)) return false;
  const built = statSync(COMPILED_MAIN).mtimeMs;
  const sources = [
    join(serverRoot, 'src'),
    join(serverRoot, 'stripe-emulator'),
    join(serverRoot, '../shared/src'),
  ];
  return sources.every((dir) => newestSourceMs(dir) < built);
}

export default function setup(): void {
  if (isCompiledServerFresh()) return;
  execFileSync(process.execPath, ['build.mjs'], { cwd: serverRoot, stdio: 'inherit' });
}
