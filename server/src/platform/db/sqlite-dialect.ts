// Kysely's SQLite dialect with two additions for the request path (docs/decisions/016):
// - a bounded cache of prepared statements: Kysely's driver calls better-sqlite3's `prepare` for every query,
//   and preparing (parsing and planning the SQL) cost 13 % of a request's time; a hot query now reuses its
//   statement, keyed by its SQL text. Least recently used statements are dropped past `statementCacheSize`.
//   A statement still iterating (a streamed query) is never handed out twice: a fresh one is prepared.
// - the query planner's statistics: `PRAGMA optimize=0x10002` when the database opens (analyses the tables
//   that have none or changed much since) and `PRAGMA optimize` every `optimizeEveryMs`, as SQLite advises for
//   long-lived connections; `analysis_limit` keeps each ANALYZE to a sample, so it stays in milliseconds.
// - rows built in JavaScript from raw arrays: better-sqlite3 makes each row object in C++ and looks every
//   column name up in V8's string table for every row (a tenth of `GET /api/subscriptions`' CPU with the
//   values); a reading statement now returns arrays (`raw`) and its column names, read once, become the keys.

import {
  type SqliteStatement as KyselyStatement,
  SqliteDialect,
  type SqliteDialectConfig,
  type SqliteDatabase as SqliteHandle,
} from 'kysely';

/** better-sqlite3's statement, as Kysely sees it, and its `busy` flag (true while it iterates). */
type SqliteStatement = KyselyStatement & { busy?: boolean };
/** better-sqlite3's database has `pragma`; a handle without it just gets no statistics upkeep. */
type PragmaHandle = SqliteHandle & { pragma?(source: string): unknown };

/** better-sqlite3's statement: what Kysely calls, and `raw`/`columns` for the rows as arrays. */
type RawCapableStatement = SqliteStatement & {
  raw?(toggle: boolean): unknown;
  columns?(): { name: string }[];
};

/**
 * The statement with its rows built here from arrays: the same objects better-sqlite3 would make (each column
 * by name, in order, a later column of the same name winning), without a string-table lookup per column and row.
 */
export function withRowsFromArrays(statement: RawCapableStatement): SqliteStatement {
  if (!statement.reader || !statement.raw || !statement.columns) return statement;
  const names = statement.columns().map((column) => column.name);
  statement.raw(true);
  const toRow = (values: unknown[]) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i];
    return row;
  };
  return {
    reader: true,
    get busy() {
      return statement.busy;
    },
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(toRow),
    run: (parameters) => statement.run(parameters),
    *iterate(parameters) {
      for (const values of statement.iterate(parameters)) yield toRow(values as unknown[]);
    },
  };
}

export type StatementCache = {
  prepare(sql: string): SqliteStatement;
  readonly size: number;
  clear(): void;
};

export function createStatementCache(
  prepare: (sql: string) => SqliteStatement,
  maxSize: number,
): StatementCache {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        // Most recently used last: a Map iterates in insertion order, so the first key is the eviction victim.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = prepare(sql);
      if (cached) return statement; // the cached one is iterating: this one is used once and dropped
      statements.set(sql, statement);
      if (statements.size > maxSize) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
    get size() {
      return statements.size;
    },
    clear() {
      statements.clear();
    },
  };
}

export type CachingSqliteDialectConfig = SqliteDialectConfig & {
  /** Prepared statements kept (distinct SQL texts); 0 turns the cache off. */
  statementCacheSize?: number;
  /** How often `PRAGMA optimize` runs while the database is open; 0: only when it opens. */
  optimizeEveryMs?: number;
};

const DEFAULT_STATEMENT_CACHE_SIZE = 500;
const DEFAULT_OPTIMIZE_EVERY_MS = 60 * 60_000;

/** Wraps the handle: cached `prepare`, statistics kept fresh, the timer stopped on `close`. */
function withCacheAndStatistics(database: SqliteHandle, config: CachingSqliteDialectConfig): SqliteHandle {
  const size = config.statementCacheSize ?? DEFAULT_STATEMENT_CACHE_SIZE;
  const prepare = (sql: string) => withRowsFromArrays(database.prepare(sql));
  const cache = createStatementCache(prepare, size);
  const pragma = (database as PragmaHandle).pragma?.bind(database);
  let timer: NodeJS.Timeout | undefined;
  if (pragma) {
    pragma('analysis_limit = 1000');
    pragma('optimize = 0x10002');
    const every = config.optimizeEveryMs ?? DEFAULT_OPTIMIZE_EVERY_MS;
    if (every > 0) {
      timer = setInterval(() => pragma('optimize'), every);
      timer.unref();
    }
  }
  return {
    prepare: size > 0 ? (sql) => cache.prepare(sql) : prepare,
    close() {
      if (timer) clearInterval(timer);
      cache.clear();
      database.close();
    },
  };
}

export class CachingSqliteDialect extends SqliteDialect {
  constructor(config: CachingSqliteDialectConfig) {
    const { database } = config;
    super({
      ...config,
      database:
        typeof database === 'function'
          ? async () => withCacheAndStatistics(await database(), config)
          : withCacheAndStatistics(database, config),
    });
  }
}
