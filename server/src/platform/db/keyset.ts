// Keyset pages over (instant, id) newest first (decision 021): a page holds the rows strictly older than the
// last row of the previous one, so a page costs the same at row 10 and at row 100,000, and rows inserted
// meanwhile neither repeat nor vanish. The two columns must be the ones the query orders by (desc, desc).

import type { TTimeKey } from '@portal/shared/schemas/ops-workspace';
import { type Expression, type SqlBool, sql } from 'kysely';

/** `(at, id) < (key.at, key.id)`, written so SQLite and PostgreSQL both use an index on (at, id). */
export function olderThan(
  _eb: unknown,
  atColumn: string,
  idColumn: string,
  key: TTimeKey,
): Expression<SqlBool> {
  const at = sql.ref(atColumn);
  const id = sql.ref(idColumn);
  return sql<SqlBool>`(${at} < ${key.at} or (${at} = ${key.at} and ${id} < ${key.id}))`;
}
