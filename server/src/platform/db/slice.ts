// A repo's own slice of the schema (decision 015: each table belongs to one feature). A repo typed
// `DbOf<'churn_feedback' | 'save_offers'>` accepts the database or a transaction, but SQL naming any other
// table does not compile, so a feature that needs another's data asks that feature's service.

import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type DbOf<Tables extends keyof Database> =
  | Kysely<Pick<Database, Tables>>
  | Transaction<Pick<Database, Tables>>;

/**
 * Tables a read model may read but not write (decision 015): finance's ledger and reconciliation, the value
 * report, the ops workspace and the dashboard's summary join other features' rows in SQL, where the join and the
 * keyset page belong, but `ReadsOf<'payments' | 'invoices'>` offers only `selectFrom` (and what a select needs),
 * so an insert, update or delete of another feature's table does not compile. Each read names, in its type,
 * every table it reads.
 */
export type ReadsOf<Tables extends keyof Database> = Pick<
  Kysely<Pick<Database, Tables>>,
  'selectFrom' | 'selectNoFrom' | 'with' | 'fn' | 'executeQuery' | 'getExecutor'
>;
