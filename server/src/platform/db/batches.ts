// Multi-row statements within both dialects' limits on bound parameters (SQLite 32,766 since 3.32,
// PostgreSQL 65,535): rows are cut into slices whose columns × rows stay under a common bound.

const MAX_PARAMETERS = 30_000;

/** `rows` in consecutive slices of at most MAX_PARAMETERS / `columns` rows each (order kept). */
export function inSlices<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns)));
  const slices: T[][] = [];
  for (let start = 0; start < rows.length; start += size) slices.push(rows.slice(start, start + size));
  return slices;
}

/** Runs `query` on each slice of `items` (see inSlices) and gathers what each answers, in order. */
export async function eachSlice<T, R>(
  items: readonly T[],
  columns: number,
  query: (slice: T[]) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (const slice of inSlices(items, columns)) out.push(...(await query(slice)));
  return out;
}
