// Keyset pages over (instant, id) newest first (decision 021): a page holds the rows strictly older than the
// last row of the previous one, so a page costs the same at row 10 and at row 100,000, and rows inserted
// meanwhile neither repeat nor vanish. The two columns must be the ones the query orders by (desc, desc).

import type { TTimeKey } from '@portal/shared/schemas/ops-workspace';
import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: the builder of any table; columns are checked by the caller's query.
type AnyBuilder = ExpressionBuilder<any, any>;

/** `(at, id) < (key.at, key.id)`, written so SQLite and PostgreSQL both use an index on (at, id). */
export function olderThan(
  eb: AnyBuilder,
  atColumn: string,
  idColumn: string,
  key: TTimeKey,
): ExpressionWrapper<any, any, SqlBool> {
  return eb.or([eb(atColumn, '<', key.at), eb.and([eb(atColumn, '=', key.at), eb(idColumn, '<', key.id)])]);
}
