// The benchmarks' PostgreSQL side: a PostgreSQL to run on (DATABASE_URL when it names one, otherwise an embedded
// one started here, as the server-pg tests do) and a copy of a benchmark's SQLite database into a fresh
// PostgreSQL database. The schema comes from the portal's own migrations; every table's rows are then copied in
// batches as JSON (`json_populate_recordset` converts each value to the column's type), identity sequences moved
// past the copied keys, and statistics gathered. Not product code.

import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { createRuntime } from '../runtime.ts';
import { startTestPostgres, type TestPostgres } from '../testing/postgres-instance.ts';

export type BenchPostgres = TestPostgres & { describe: string };

/** DATABASE_URL's server when set, otherwise embedded PostgreSQL (stopped by `stop`). */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  // Which PostgreSQL the benchmark uses is the caller's choice.
  const url = process.env.DATABASE_URL;
  const server = await startTestPostgres();
  return { ...server, describe: url?.startsWith('postgres') ? 'DATABASE_URL' : 'embedded PostgreSQL 18' };
}

const BATCH_BYTES = 8 * 2 ** 20;

/** Copies every table of the SQLite file at `sqlitePath` into the (new, empty) PostgreSQL database at `url`. */
export async function copySqliteToPostgres(
  sqlitePath: string,
  url: string,
  log: (line: string) => void = () => {},
): Promise<{ rows: number; ms: number }> {
  const started = Date.now();
  // The schema, through the portal's migrations (what `pnpm start` does on a new database).
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    OPTOUT_LINK_SECRETS: 'bench-opt-out-link-secret-0123456789abcdef',
  });
  const runtime = await createRuntime({ config, logger: createLogger('silent') });
  await runtime.close();

  const sqlite = new SqliteDatabase(sqlitePath, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let total = 0;
  try {
    const pgTables = new Set(
      (
        await client.query<{ table_name: string }>(
          `select table_name from information_schema.tables
           where table_schema = 'public' and table_type = 'BASE TABLE'`,
        )
      ).rows.map((r) => r.table_name),
    );
    const tables = (
      sqlite
        .prepare(
          `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
           and name not like 'kysely_%'`,
        )
        .all() as { name: string }[]
    )
      .map((t) => t.name)
      .filter((name) => pgTables.has(name));
    // Rows the migrations seeded are replaced by the SQLite file's; triggers stay off while copying.
    await client.query('set session_replication_role = replica');
    await client.query(`truncate ${tables.map((t) => `"${t}"`).join(', ')} cascade`);
    for (const table of tables) {
      const columns = (
        sqlite.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[]
      )
        .map((c) => `"${c.name}"`)
        .join(', ');
      let batch: unknown[] = [];
      let bytes = 0;
      let copied = 0;
      const flush = async () => {
        if (!batch.length) return;
        await client.query(
          `insert into "${table}" (${columns}) overriding system value
           select ${columns} from json_populate_recordset(null::"${table}", $1::json)`,
          [JSON.stringify(batch)],
        );
        copied += batch.length;
        batch = [];
        bytes = 0;
      };
      for (const row of sqlite.prepare(`select * from "${table}"`).iterate()) {
        batch.push(row);
        bytes += 200;
        if (bytes >= BATCH_BYTES || batch.length >= 20_000) await flush();
      }
      await flush();
      if (copied) log(`  ${table}: ${copied.toLocaleString('en')} rows`);
      total += copied;
    }
    await client.query('set session_replication_role = origin');
    const identities = await client.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'public' and is_identity = 'YES'`,
    );
    for (const { table_name, column_name } of identities.rows) {
      await client.query(
        `select setval(pg_get_serial_sequence('"${table_name}"', '${column_name}'),
           coalesce((select max("${column_name}") from "${table_name}"), 0) + 1, false)`,
      );
    }
    await client.query('analyze');
  } finally {
    sqlite.close();
    await client.end();
  }
  return { rows: total, ms: Date.now() - started };
}

/** A PostgreSQL (see startBenchPostgres) with a new database holding a copy of the SQLite file; logs the copy. */
export async function benchOnPostgres(
  sqlitePath: string,
  log: (line: string) => void,
): Promise<{ postgres: BenchPostgres; databaseUrl: string }> {
  const postgres = await startBenchPostgres();
  const databaseUrl = await postgres.createDatabase();
  const copied = await copySqliteToPostgres(sqlitePath, databaseUrl);
  log(
    `copied into ${postgres.describe} in ${(copied.ms / 1000).toFixed(1)} s (${copied.rows.toLocaleString('en')} rows)`,
  );
  return { postgres, databaseUrl };
}
