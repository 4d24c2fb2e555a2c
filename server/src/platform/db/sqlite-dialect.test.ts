import SqliteDatabase from 'better-sqlite3';
import { type Generated, Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CachingSqliteDialect, createStatementCache } from './sqlite-dialect.ts';

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
  it('runs queries, writes and streams through cached statements, and gathers statistics on open', async () => {
    const sqlite = new SqliteDatabase(':memory:');
    sqlite.exec(
      'create table items (id integer primary key, name text not null); create index items_name on items (name)',
    );
    const insert = sqlite.prepare('insert into items (name) values (?)');
    for (let i = 1; i <= 50; i++) insert.run(`n${i}`);
    const prepared: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((text: string) => {
      prepared.push(text);
      return prepare(text);
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
    expect(sqlite.prepare('select count(*) as n from sqlite_stat1').get()).toEqual({ n: 1 });
    await db.destroy();
  });
});
