// Value reports: the metric catalog (with its built-in metrics, which are reference data rather than demo
// data), the daily usage table the reports aggregate, and the API keys that usage is pushed with.

import { type Kysely, SqliteAdapter, sql } from 'kysely';

type CatalogDb = {
  metrics: {
    code: string;
    name: string;
    description: string;
    unit: string;
    aggregation: string;
    value_per_unit_minutes: number | null;
    module: string | null;
    is_builtin: number;
    created_at: string;
  };
};

const MODULE_NAMES: Record<string, string> = {
  workflows: 'Workflows',
  reports: 'Reports',
  automations: 'Automations',
  integrations: 'Integrations',
  audit: 'Audit',
  sso: 'Single sign-on',
};

const BUILT_IN_METRICS = [
  {
    code: 'active_users',
    name: 'Active users',
    description: 'People who used the product that day.',
    unit: 'users',
    aggregation: 'peak',
    value_per_unit_minutes: null,
    module: null,
  },
  ...Object.entries(MODULE_NAMES).map(([module, name]) => ({
    code: `module_${module}`,
    name: `${name} users`,
    description: `People who used the ${name} module that day.`,
    unit: 'users',
    aggregation: 'average',
    value_per_unit_minutes: null,
    module,
  })),
  {
    code: 'records_managed',
    name: 'Records managed',
    description: 'Records kept in the product at the end of the day.',
    unit: 'records',
    aggregation: 'last',
    value_per_unit_minutes: null,
    module: null,
  },
  {
    code: 'automations_run',
    name: 'Automations run',
    description: 'Automation runs completed that day; each saves about six minutes of manual work.',
    unit: 'count',
    aggregation: 'sum',
    value_per_unit_minutes: 6,
    module: null,
  },
  {
    code: 'tickets_opened',
    name: 'Support tickets opened',
    description: 'Support tickets the customer opened that day.',
    unit: 'count',
    aggregation: 'sum',
    value_per_unit_minutes: null,
    module: null,
  },
  {
    code: 'tickets_resolved',
    name: 'Support tickets resolved',
    description: 'Support tickets resolved that day.',
    unit: 'count',
    aggregation: 'sum',
    value_per_unit_minutes: null,
    module: null,
  },
  {
    code: 'median_resolution_hours',
    name: 'Median resolution time',
    description: 'Median hours from opening to resolution of the tickets resolved that day.',
    unit: 'hours',
    aggregation: 'average',
    value_per_unit_minutes: null,
    module: null,
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema
    .createTable('metrics')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('aggregation', 'text', (c) => c.notNull())
    .addColumn('value_per_unit_minutes', 'real')
    .addColumn('module', 'text')
    .addColumn('is_builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  const createdAt = new Date().toISOString();
  await (db as unknown as Kysely<CatalogDb>)
    .insertInto('metrics')
    .values(BUILT_IN_METRICS.map((m) => ({ ...m, is_builtin: 1, created_at: createdAt })))
    .execute();

  // One row per subscription, metric and day. The primary key is the only index the reports need: every
  // query fixes the subscription and the metric and reads a date range. On SQLite the table is clustered on
  // that key (WITHOUT ROWID), which halves its size and keeps a subscription's rows together on disk.
  let usage = db.schema
    .createTable('usage_daily')
    .addColumn('subscription_id', 'text', (c) =>
      c.notNull().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('metric', 'text', (c) => c.notNull().references('metrics.code'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_daily_pk', ['subscription_id', 'metric', 'date']);
  if (isSqlite) usage = usage.modifyEnd(sql`without rowid`);
  await usage.execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    /** SHA-256 of the key, hex; the key itself is shown once and never stored. */
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_by_label', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by_label', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['api_keys', 'usage_daily', 'metrics']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
