// A subscription's monthly usage figures over a range, kept in memory for the value report (decision 027).
// Reading them costs most of a report: a row per metric and whole month from usage_monthly, and the partial
// months at the range's edges summed from usage_daily. Every ingestion of a subscription's usage writes it a
// new random stamp (usage_stamps, in the ingestion's transaction, on whichever instance); figures are reused
// only while the stamp is the one read before they were read, so a report never shows older usage than the
// tables hold when it starts. Per database object (tests' databases never share entries), least recently used
// evicted.

import type { DbOrTx } from '../../platform/db/connection.ts';

/** Ranges kept per database: a report reads two (its term and the one compared with). */
export const MONTHLY_CACHE_SIZE = 10_000;

type Entry<T> = { stamp: string; figures: T };
const caches = new WeakMap<object, Map<string, Entry<unknown>>>();

/**
 * The figures under `key` read while the subscription's stamp was `stamp`, or `read()` (kept under it). No
 * stamp (usage older than the stamps, or none): always `read()`. The caller must not change what it gets.
 */
export async function cachedFigures<T>(
  db: DbOrTx,
  key: string,
  stamp: string | null,
  read: () => Promise<T>,
): Promise<T> {
  if (stamp === null) return read();
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  cache.delete(key);
  if (hit && hit.stamp === stamp) {
    cache.set(key, hit); // most recently used last
    return hit.figures as T;
  }
  const figures = await read();
  cache.set(key, { stamp, figures });
  if (cache.size > MONTHLY_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return figures;
}
