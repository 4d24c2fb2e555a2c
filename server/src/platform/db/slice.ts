// A repo's own slice of the schema (decision 015: each table belongs to one feature). A repo typed
// `DbOf<'churn_feedback' | 'save_offers'>` accepts the database or a transaction, but SQL naming any other
// table does not compile, so a feature that needs another's data asks that feature's service.

import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type DbOf<Tables extends keyof Database> =
  | Kysely<Pick<Database, Tables>>
  | Transaction<Pick<Database, Tables>>;
