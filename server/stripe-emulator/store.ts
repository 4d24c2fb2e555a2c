// SQLite persistence: every Stripe object as JSON in one `objects` table (plus internal `meta` that
// is never shown to clients), idempotency records and webhook deliveries.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type Stripe from 'stripe';
import { resourceMissing } from './errors.ts';
import type { RangeParam } from './params.ts';

/** The SDK types `unit_amount_decimal` as its Decimal class; on the wire it is a string. */
export type WirePrice = Omit<Stripe.Price, 'unit_amount_decimal'> & { unit_amount_decimal: string | null };
export type WireLineItem = Omit<Stripe.LineItem, 'price'> & { price: WirePrice | null };

export type ObjectMap = {
  customer: Stripe.Customer;
  'checkout.session': Stripe.Checkout.Session;
  payment_intent: Stripe.PaymentIntent;
  setup_intent: Stripe.SetupIntent;
  payment_method: Stripe.PaymentMethod;
  charge: Stripe.Charge;
  refund: Stripe.Refund;
  dispute: Stripe.Dispute;
  balance_transaction: Stripe.BalanceTransaction;
  payout: Stripe.Payout;
  event: Stripe.Event;
  item: WireLineItem;
  price: WirePrice;
  product: Stripe.Product;
};
export type ObjectType = keyof ObjectMap;
export type StoredObject = ObjectMap[ObjectType];

/** Emulator-only facts about an object. */
export type Meta = {
  /** balance_transaction: the automatic payout that paid it out. */
  payout?: string;
  /** item: the Checkout Session it belongs to; payment/setup intent: the session that created it. */
  session?: string;
  /** payment_method: key of the test card it was made from (see cards.ts). */
  card?: string;
  /** payment_method: authenticated and saved for later off-session use. */
  offSessionReady?: boolean;
  /** payment_method: used once without a customer, so it cannot be used again. */
  used?: boolean;
  /** payment_intent / setup_intent: return_url given at confirmation, for 3-D Secure redirects. */
  returnUrl?: string;
  /** checkout.session: `payment_intent_data`, applied when its PaymentIntent is created. */
  paymentIntentData?: {
    description?: string | undefined;
    metadata?: Record<string, string> | null | undefined;
    receipt_email?: string | undefined;
    setup_future_usage?: 'on_session' | 'off_session' | undefined;
    statement_descriptor_suffix?: string | undefined;
  };
};

export type Filter = {
  /** Equality on top-level JSON fields of the object, e.g. `{ payment_intent: 'pi_…' }`. */
  fields?: Record<string, string | number | boolean | null>;
  /** Same, restricted to one of several values. */
  fieldIn?: Record<string, string[]>;
  /** Same, on the internal meta. */
  meta?: Record<string, string | number | boolean | null>;
  /** `LIKE` on a top-level JSON field. */
  fieldLike?: Record<string, string>;
  /** Range on a top-level numeric JSON field, e.g. `{ arrival_date: { gte: … } }`. */
  fieldRange?: Record<string, RangeParam>;
  customer?: string;
  created?: RangeParam;
};

export type Page<T> = { data: T[]; hasMore: boolean };
export type PageQuery = {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
  order?: 'newest_first' | 'oldest_first';
};

type Row = { seq: number; id: string; type: string; created: number; json: string; meta: string };

const FIELD = /^[a-z_]+$/;

/** How Stripe names each kind in "No such …" errors. */
function noun(type: ObjectType): string {
  return type === 'payment_method' ? 'PaymentMethod' : type;
}
const RANGE_OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function fieldExpr(column: 'json' | 'meta', field: string): string {
  if (!FIELD.test(field)) throw new Error(`Unsafe field name: ${field}`);
  return `json_extract(${column}, '$.${field}')`;
}

function sqlValue(value: string | number | boolean | null): string | number | null {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function whereClause(type: string, filter: Filter): { sql: string; args: unknown[] } {
  const parts = ['type = ?'];
  const args: unknown[] = [type];
  const addEq = (column: 'json' | 'meta', entries: Record<string, string | number | boolean | null>) => {
    for (const [field, value] of Object.entries(entries)) {
      if (value === null) parts.push(`${fieldExpr(column, field)} IS NULL`);
      else {
        parts.push(`${fieldExpr(column, field)} = ?`);
        args.push(sqlValue(value));
      }
    }
  };
  addEq('json', filter.fields ?? {});
  addEq('meta', filter.meta ?? {});
  for (const [field, values] of Object.entries(filter.fieldIn ?? {})) {
    parts.push(`${fieldExpr('json', field)} IN (${values.map(() => '?').join(', ') || 'NULL'})`);
    args.push(...values);
  }
  for (const [field, pattern] of Object.entries(filter.fieldLike ?? {})) {
    parts.push(`${fieldExpr('json', field)} LIKE ?`);
    args.push(pattern);
  }
  if (filter.customer !== undefined) {
    parts.push('customer = ?');
    args.push(filter.customer);
  }
  const addRange = (expr: string, range: RangeParam | undefined) => {
    if (range === undefined) return;
    if (typeof range === 'number') {
      parts.push(`${expr} = ?`);
      args.push(range);
      return;
    }
    for (const [op, sqlOp] of Object.entries(RANGE_OPS)) {
      const bound = range[op as keyof typeof RANGE_OPS];
      if (bound === undefined) continue;
      parts.push(`${expr} ${sqlOp} ?`);
      args.push(bound);
    }
  };
  addRange('created', filter.created);
  for (const [field, range] of Object.entries(filter.fieldRange ?? {}))
    addRange(fieldExpr('json', field), range);
  return { sql: parts.join(' AND '), args };
}

export type Store = ReturnType<typeof openStore>;

export function openStore(path: string) {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS objects (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      created INTEGER NOT NULL,
      customer TEXT,
      json TEXT NOT NULL,
      meta TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX IF NOT EXISTS objects_by_type ON objects (type, created, seq);
    CREATE INDEX IF NOT EXISTS objects_by_customer ON objects (customer, type);
    CREATE TABLE IF NOT EXISTS idempotency (
      key TEXT PRIMARY KEY,
      fingerprint TEXT NOT NULL,
      status INTEGER NOT NULL,
      body TEXT NOT NULL,
      created_ms INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS deliveries (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id TEXT NOT NULL,
      url TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_ms INTEGER NOT NULL,
      last_status INTEGER,
      last_error TEXT,
      created_ms INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt_ms);
    CREATE TABLE IF NOT EXISTS settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `);
  const readSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const writeSetting = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  const byId = db.prepare<[string], Row>('SELECT * FROM objects WHERE id = ?');
  const insertRow = db.prepare(
    'INSERT INTO objects (id, type, created, customer, json, meta) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const updateRow = db.prepare('UPDATE objects SET customer = ?, json = ?, meta = ? WHERE id = ?');
  const updateMeta = db.prepare('UPDATE objects SET meta = ? WHERE id = ?');

  const customerOf = (obj: StoredObject): string | null => {
    const customer = 'customer' in obj ? obj.customer : null;
    return typeof customer === 'string' ? customer : null;
  };
  const parse = <T extends ObjectType>(row: Row) => JSON.parse(row.json) as ObjectMap[T];

  function page<T extends ObjectType>(type: T, filter: Filter, query: PageQuery): Page<ObjectMap[T]> {
    const { sql, args } = whereClause(type, filter);
    const newestFirst = (query.order ?? 'newest_first') === 'newest_first';
    let cursorSql = '';
    const cursorArgs: unknown[] = [];
    let forward = true;
    const cursorId = query.startingAfter ?? query.endingBefore;
    if (cursorId !== undefined) {
      const cursor = byId.get(cursorId);
      if (!cursor || cursor.type !== type) {
        const param = query.startingAfter ? 'starting_after' : 'ending_before';
        throw resourceMissing(noun(type), cursorId, param);
      }
      forward = query.startingAfter !== undefined;
      const after = forward === newestFirst ? '<' : '>';
      cursorSql = ` AND (created ${after} ? OR (created = ? AND seq ${after} ?))`;
      cursorArgs.push(cursor.created, cursor.created, cursor.seq);
    }
    const descending = forward === newestFirst;
    const direction = descending ? 'DESC' : 'ASC';
    const rows = db
      .prepare<unknown[], Row>(
        `SELECT * FROM objects WHERE ${sql}${cursorSql} ORDER BY created ${direction}, seq ${direction} LIMIT ?`,
      )
      .all(...args, ...cursorArgs, query.limit + 1);
    const hasMore = rows.length > query.limit;
    const pageRows = rows.slice(0, query.limit);
    if (!forward) pageRows.reverse();
    return { data: pageRows.map((row) => parse<T>(row)), hasMore };
  }

  return {
    db,
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    insert<T extends ObjectType>(obj: ObjectMap[T] & { object: T }, meta: Meta = {}): ObjectMap[T] {
      insertRow.run(
        obj.id,
        obj.object,
        'created' in obj ? obj.created : 0,
        customerOf(obj),
        JSON.stringify(obj),
        JSON.stringify(meta),
      );
      return obj;
    },
    /** Replaces the stored object; `meta` fields given are merged into the stored meta. */
    update<T extends StoredObject>(obj: T & { id: string }, meta: Meta = {}): T {
      const merged = { ...this.meta(obj.id), ...meta };
      updateRow.run(customerOf(obj), JSON.stringify(obj), JSON.stringify(merged), obj.id);
      return obj;
    },
    /** Merges fields into an object's internal meta without touching the object. */
    /** An account setting (e.g. the settlement currency), JSON; undefined when never set. */
    setting<T>(key: string): T | undefined {
      const row = readSetting.get(key);
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    setSetting(key: string, value: unknown): void {
      writeSetting.run(key, JSON.stringify(value));
    },
    setMeta(id: string, meta: Meta): void {
      updateMeta.run(JSON.stringify({ ...this.meta(id), ...meta }), id);
    },
    get<T extends ObjectType>(type: T, id: string): ObjectMap[T] | undefined {
      const row = byId.get(id);
      return row && row.type === type ? parse<T>(row) : undefined;
    },
    /** Like `get`, but a 404 `resource_missing` when absent. */
    require<T extends ObjectType>(type: T, id: string, param = 'id'): ObjectMap[T] {
      const found = this.get(type, id);
      if (!found) throw resourceMissing(noun(type), id, param);
      return found;
    },
    getAny(id: string): StoredObject | undefined {
      const row = byId.get(id);
      return row ? parse(row) : undefined;
    },
    meta(id: string): Meta {
      const row = byId.get(id);
      return row ? (JSON.parse(row.meta) as Meta) : {};
    },
    page,
    /** Every matching object, oldest first (internal queries). */
    all<T extends ObjectType>(type: T, filter: Filter = {}): ObjectMap[T][] {
      const { sql, args } = whereClause(type, filter);
      return db
        .prepare<unknown[], Row>(`SELECT * FROM objects WHERE ${sql} ORDER BY created, seq`)
        .all(...args)
        .map((row) => parse<T>(row));
    },
    close(): void {
      db.close();
    },
  };
}
