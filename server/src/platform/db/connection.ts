// Opens the database behind Kysely: the embedded SQLite file (WAL, foreign keys on) by default, or PostgreSQL
// when DATABASE_URL is a postgres:// URL (decision 013). Repos only see `Db`; what differs between the two
// dialects lives here and in migrations/dialect.ts.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type Driver,
  Kysely,
  type Transaction as KyselyTransaction,
  PostgresAdapter,
  PostgresDialect,
  type QueryCompiler,
  type SelectQueryNode,
  SqliteQueryCompiler,
  type TransactionBuilder,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { CachingSqliteDialect } from './sqlite-dialect.ts';
import { statementNameOf } from './statement-names.ts';

export type Db = Kysely<Database>;
export type Tx = KyselyTransaction<Database>;
/** Either the database or a transaction: repos accept both so services decide the transaction's extent. */
export type DbOrTx = Db | Tx;

export type DatabaseDialect = 'sqlite' | 'postgres';

/** What differs between the dialects is named here (backups, maintenance), never reached through a handle. */
export type OpenDatabase = { db: Db; dialect: DatabaseDialect; close(): Promise<void> };

export type DatabaseTarget = {
  /** postgres://… selects PostgreSQL; otherwise the SQLite file at `databasePath`. */
  databaseUrl?: string | undefined;
  databasePath: string;
  /** PostgreSQL connections in the pool (default 10). */
  databasePoolSize?: number | undefined;
};

export function openDatabase(target: DatabaseTarget | string): OpenDatabase {
  const { databaseUrl, databasePath, databasePoolSize } =
    typeof target === 'string' ? { databasePath: target, databasePoolSize: undefined } : target;
  if (databaseUrl && isPostgresUrl(databaseUrl)) return openPostgres(databaseUrl, databasePoolSize ?? 10);
  return openSqlite(databasePath);
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** The dialect a database (or transaction) speaks, for the few places that must differ (db/ only). */
export function dialectOf(db: DbOrTx): DatabaseDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

// ——— SQLite ———

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE). Within one process Kysely already runs
 * them one at a time; with two processes on the same file (the server and `pnpm renewals:run`), a transaction
 * that read before writing could otherwise fail (SQLITE_BUSY) instead of waiting its turn (busy_timeout).
 */
class ImmediateTransactionsDialect extends CachingSqliteDialect {
  override createQueryCompiler(): QueryCompiler {
    return new RowLocksDroppedCompiler();
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * Row locks (`.forUpdate()`, `.skipLocked()`…) are PostgreSQL syntax; SQLite rejects them and needs none, since
 * its transactions hold the single write lock from their first statement (BEGIN IMMEDIATE). Repos write the
 * lock once and the SQLite compiler leaves it out. (This was a plugin transforming every query's whole tree, a
 * few per cent of a request's time; skipping the modifiers while compiling costs nothing: decision 022.)
 */
class RowLocksDroppedCompiler extends SqliteQueryCompiler {
  protected override visitSelectQuery(node: SelectQueryNode): void {
    const kept = node.endModifiers?.filter((m) => m.modifier === undefined);
    if (kept && kept.length !== node.endModifiers?.length) {
      super.visitSelectQuery({ ...node, endModifiers: kept.length ? kept : undefined });
    } else {
      super.visitSelectQuery(node);
    }
  }
}

function openSqlite(path: string): OpenDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new ImmediateTransactionsDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

// ——— PostgreSQL ———

/** int8 (counts, bigint money) and numeric (sums, averages) come back as numbers, as on SQLite. */
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

function toSafeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) && Number.isInteger(value)) {
    throw new RangeError(`database integer ${text} is beyond JavaScript's safe range`);
  }
  return value;
}

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === PG_INT8 || oid === PG_NUMERIC) return toSafeNumber;
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 12;

function isRetryable(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && RETRYABLE.has((error as { code?: string }).code ?? '')
  );
}

/**
 * On PostgreSQL every transaction is SERIALIZABLE and runs again when PostgreSQL reports a conflict, so each
 * read-then-write keeps the guarantee SQLite's single writer gives (decision 013 lists them). A transaction's
 * body must therefore only touch the database (no Stripe call, no e-mail sent) — the outbox and the payable
 * attempts exist for that reason. Hot paths also lock their rows (`.forUpdate()`) so they queue instead of
 * failing and retrying.
 */
class SerializableKysely extends Kysely<Database> {
  override transaction(): TransactionBuilder<Database> {
    const builder = super.transaction().setIsolationLevel('serializable');
    const execute = builder.execute.bind(builder);
    builder.execute = async <T>(callback: (tx: Tx) => Promise<T>): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await execute(callback);
        } catch (error) {
          if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** Math.min(attempt, 6)));
        }
      }
    };
    return builder;
  }
}

function openPostgres(url: string, poolSize: number): OpenDatabase {
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: poolSize });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Compiled hot queries (prepared.ts) go as named statements: parsed once per connection, not per request.
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((text: unknown, ...rest: unknown[]) => {
      const name = typeof text === 'string' ? statementNameOf(text) : undefined;
      return name ? query({ name, text, values: rest[0] }) : query(text, ...rest);
    }) as typeof client.query;
  });
  const db = new SerializableKysely({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
