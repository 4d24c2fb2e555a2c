import SqliteDatabase from 'better-sqlite3';
import fc from 'fast-check';
import { type Generated, Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CachingSqliteDialect, createStatementCache, withRowsFromArrays } from './sqlite-dialect.ts';

type FakeStatement = {
  sql: string;
  busy: boolean;
  reader: boolean;
  all(): unknown[];
  run(): { changes: number; lastInsertRowid: number };
  iterate(): IterableIterator<unknown>;
};

function fakePrepare() {
  const prepared: FakeStatement[] = [];
  const prepare = (text: string) => {
    const statement: FakeStatement = {
      sql: text,
      busy: false,
      reader: true,
      all: () => [],
      run: () => ({ changes: 0, lastInsertRowid: 0 }),
      iterate: () => [][Symbol.iterator](),
    };
    prepared.push(statement);
    return statement;
  };
  return { prepare, prepared };
}

describe('the statement cache', () => {
  it('prepares each SQL text once and hands the same statement back', () => {
    const { prepare, prepared } = fakePrepare();
    const cache = createStatementCache(prepare, 10);
    const first = cache.prepare('select 1');
    expect(cache.prepare('select 1')).toBe(first);
    cache.prepare('select 2');
    expect(prepared.map((s) => s.sql)).toEqual(['select 1', 'select 2']);
    expect(cache.size).toBe(2);
  });

  it('keeps at most its size, dropping the least recently used statement', () => {
    const { prepare, prepared } = fakePrepare();
    const cache = createStatementCache(prepare, 2);
    cache.prepare('a');
    cache.prepare('b');
    cache.prepare('a'); // a is now more recent than b
    cache.prepare('c'); // evicts b
    expect(cache.size).toBe(2);
    cache.prepare('a');
    expect(prepared.map((s) => s.sql)).toEqual(['a', 'b', 'c']);
    cache.prepare('b');
    expect(prepared.map((s) => s.sql)).toEqual(['a', 'b', 'c', 'b']);
  });

  it('never hands out a statement that is still iterating: a fresh one is used once', () => {
    const { prepare, prepared } = fakePrepare();
    const cache = createStatementCache(prepare, 10);
    const iterating = cache.prepare('select * from t');
    iterating.busy = true;
    const other = cache.prepare('select * from t');
    expect(other).not.toBe(iterating);
    iterating.busy = false;
    expect(cache.prepare('select * from t')).toBe(iterating);
    expect(prepared).toHaveLength(2);
  });
});

describe('CachingSqliteDialect', () => {
  it('runs queries, writes and streams through cached statements with rows from arrays, and gathers statistics on open', async () => {
    const sqlite = new SqliteDatabase(':memory:');
    sqlite.exec(
      'create table items (id integer primary key, name text not null); create index items_name on items (name)',
    );
    const insert = sqlite.prepare('insert into items (name) values (?)');
    for (let i = 1; i <= 50; i++) insert.run(`n${i}`);
    const prepared: string[] = [];
    /** The SQL of each statement switched to arrays (`raw(true)`), as withRowsFromArrays does for readers. */
    const raw: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((text: string) => {
      prepared.push(text);
      const statement = prepare(text);
      const toggle = statement.raw.bind(statement);
      statement.raw = ((on?: boolean) => {
        if (on) raw.push(text);
        return toggle(on);
      }) as typeof statement.raw;
      return statement;
    }) as typeof sqlite.prepare;
    const db = new Kysely<{ items: { id: Generated<number>; name: string } }>({
      dialect: new CachingSqliteDialect({ database: sqlite, optimizeEveryMs: 0 }),
    });
    for (let i = 1; i <= 3; i++) {
      const row = await db.selectFrom('items').select('name').where('id', '=', i).executeTakeFirst();
      expect(row?.name).toBe(`n${i}`);
    }
    await db.insertInto('items').values({ name: 'new' }).execute();
    await db.insertInto('items').values({ name: 'newer' }).execute();
    const streamed: string[] = [];
    for await (const row of db.selectFrom('items').select('name').where('id', '<=', 2).stream()) {
      streamed.push(row.name);
    }
    expect(streamed).toEqual(['n1', 'n2']);
    const selects = prepared.filter((text) => text.startsWith('select "name" from "items" where "id" = ?'));
    const inserts = prepared.filter((text) => text.startsWith('insert'));
    expect(selects).toHaveLength(1);
    expect(inserts).toHaveLength(1);
    // Every reading statement returned arrays that became the rows above; writes were left as they are.
    expect(raw).toEqual(prepared.filter((text) => text.startsWith('select')));
    expect(sqlite.prepare('select count(*) as n from sqlite_stat1').get()).toEqual({ n: 1 });
    await db.destroy();
  });
});

describe('rows built from arrays', () => {
  const value = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
    fc.uint8Array({ maxLength: 8 }),
  );
  // Column names from a small alphabet, so a query often repeats one (`select 1 as a, 2 as a`).
  const column = fc.record({ name: fc.constantFrom('a', 'b', 'id', 'Name', '名'), value });

  it('are the objects better-sqlite3 makes, for any columns and values, by all and by iterate', () => {
    const database = new SqliteDatabase(':memory:');
    fc.assert(
      fc.property(
        fc.array(column, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 3 }),
        (columns, rowCount) => {
          const select = `select ${columns.map((c) => `? as "${c.name}"`).join(', ')}`;
          // rowCount copies of the select (none: one that returns no row), each binding the columns' values.
          const sql = rowCount === 0 ? `${select} where 0` : Array(rowCount).fill(select).join(' union all ');
          const values = columns.map((c) => (c.value instanceof Uint8Array ? Buffer.from(c.value) : c.value));
          const parameters = Array.from({ length: Math.max(rowCount, 1) }, () => values).flat();
          const expected = database.prepare(sql).all(parameters);
          const statement = withRowsFromArrays(database.prepare(sql));
          expect(statement.all(parameters)).toEqual(expected);
          expect([...statement.iterate(parameters)]).toEqual(expected);
          if (expected[0])
            expect(Object.keys(statement.all(parameters)[0] as object)).toEqual(Object.keys(expected[0]));
        },
      ),
    );
    database.close();
  });

  it('leave writes as they are, and report the statement busy while it iterates', () => {
    const database = new SqliteDatabase(':memory:');
    database.exec('create table t (id integer primary key, name text)');
    const insert = database.prepare('insert into t (name) values (?)');
    expect(withRowsFromArrays(insert)).toBe(insert);
    for (const name of ['x', 'y']) insert.run([name]);
    const statement = withRowsFromArrays(database.prepare('select id, name from t order by id'));
    const rows = statement.iterate([]);
    expect(rows.next().value).toEqual({ id: 1, name: 'x' });
    expect(statement.busy).toBe(true);
    expect([...rows]).toEqual([{ id: 2, name: 'y' }]);
    expect(statement.busy).toBe(false);
    database.close();
  });
});
