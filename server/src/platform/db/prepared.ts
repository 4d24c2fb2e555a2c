// Hot queries compiled once (decision 022). Kysely builds an operation tree and compiles it to SQL on every
// call: on the request path that cost more than the SQL itself (a quarter of `GET /api/subscriptions`' CPU).
// `preparedQuery` builds the query once per dialect with placeholder values, remembers the compiled SQL and
// where each placeholder's parameter sits, and from then on only binds the call's values and executes the
// compiled query (on SQLite the dialect's statement cache then reuses the prepared statement too; on
// PostgreSQL connection.ts sends it as a named statement, so the server parses it once per connection).
//
// The query is written with the typed builder as usual; the placeholders are typed as the arguments, so a
// wrong column or value type still fails to compile. A placeholder may only stand where a single value goes
// (`where(col, '=', p.x)`, `set({ col: p.y })`), not in an `in` list nor as an identifier: compiling checks
// that each one became exactly one parameter and throws otherwise.

import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { type DatabaseDialect, type DbOrTx, dialectOf } from './connection.ts';
import { nameStatement } from './statement-names.ts';

/** The database or a transaction, of the whole schema or a repo's slice of it (`DbOf<…>`). */
type AnyDb = Pick<Kysely<object>, 'executeQuery' | 'getExecutor'>;

const MARK = '\u0000prepared-parameter:';

type Compiled = {
  sql: string;
  /** Per parameter: the argument's name it takes, or the constant the query was built with. */
  slots: { argument?: string; constant?: unknown }[];
  query: CompiledQuery;
};

let queryNames = 0;

export type PreparedQuery<D, A, R> = {
  /** Every row. */
  all(db: D, args: A): Promise<R[]>;
  /** The first row, or undefined. */
  first(db: D, args: A): Promise<R | undefined>;
  /** Runs a write; the number of rows it changed. */
  run(db: D, args: A): Promise<number>;
};

export function preparedQuery<A extends Record<string, unknown>, R, D extends AnyDb = DbOrTx>(
  build: (db: D, args: A) => Compilable<R>,
): PreparedQuery<D, A, R> {
  const name = `portal_q${++queryNames}`;
  const byDialect: Partial<Record<DatabaseDialect, { compiled: Compiled }>> = {};

  function compile(db: D, args: A): Compiled {
    const keys = Object.keys(args);
    const placeholders = Object.fromEntries(keys.map((key) => [key, `${MARK}${key}`])) as A;
    const query = build(db, placeholders).compile();
    if (query.sql.includes(MARK)) throw new Error(`prepared query ${name}: a placeholder is not a value`);
    const slots = query.parameters.map((value) =>
      typeof value === 'string' && value.startsWith(MARK)
        ? { argument: value.slice(MARK.length) }
        : { constant: value },
    );
    for (const key of keys) {
      const uses = slots.filter((slot) => slot.argument === key).length;
      if (uses === 0) throw new Error(`prepared query ${name}: argument "${key}" is not a parameter`);
    }
    return { sql: query.sql, slots, query };
  }

  function bind(db: D, args: A): CompiledQuery<R> {
    const dialect = dialectOf(db as unknown as DbOrTx);
    let entry = byDialect[dialect];
    if (!entry) {
      entry = { compiled: compile(db, args) };
      byDialect[dialect] = entry;
      if (dialect === 'postgres') nameStatement(entry.compiled.sql, name);
    }
    const { compiled } = entry;
    const parameters = compiled.slots.map((slot) =>
      slot.argument === undefined ? slot.constant : args[slot.argument],
    );
    return { ...compiled.query, parameters } as CompiledQuery<R>;
  }

  return {
    async all(db, args) {
      return (await db.executeQuery(bind(db, args))).rows;
    },
    async first(db, args) {
      return (await db.executeQuery(bind(db, args))).rows[0];
    },
    async run(db, args) {
      const result = await db.executeQuery(bind(db, args));
      return Number(result.numAffectedRows ?? 0n);
    },
  };
}
