// Opens the embedded SQLite store (WAL, foreign keys on) behind Kysely. Repos only see `Db`, so the
// PostgreSQL dialect is a change here plus its migrations (DESIGN.md §7).

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Driver, Kysely, type Transaction as KyselyTransaction } from 'kysely';
import type { Database } from './schema.ts';
import { CachingSqliteDialect } from './sqlite-dialect.ts';

export type Db = Kysely<Database>;
export type Tx = KyselyTransaction<Database>;
/** Either the database or a transaction: repos accept both so services decide the transaction's extent. */
export type DbOrTx = Db | Tx;

export type OpenDatabase = { db: Db; sqlite: SqliteDatabase.Database; close(): Promise<void> };

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE). Within one process Kysely already runs
 * them one at a time; with two processes on the same file (the server and `pnpm renewals:run`), a transaction
 * that read before writing could otherwise fail (SQLITE_BUSY) instead of waiting its turn (busy_timeout).
 */
class ImmediateTransactionsDialect extends CachingSqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

export function openDatabase(path: string): OpenDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new ImmediateTransactionsDialect({ database: sqlite }) });
  return { db, sqlite, close: () => db.destroy() };
}
