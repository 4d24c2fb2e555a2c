// The partial months at a term's edges, for the value report (decision 027). Whole months come from
// usage_monthly; the days of a partial month can only be summed from usage_daily (a few hundred rows per
// edge, most of a report's time). Those figures are kept in memory, per database, and reused while the
// usage_monthly rows of the edge's months carry the same stamps: every refresh of a row (each ingestion that
// touches the month) writes a new random stamp, on whichever instance, so a changed month is always re-read.
// A month with no row yet has no daily rows either (ingestion writes both in one transaction).

import type { DbOrTx } from '../../platform/db/connection.ts';
import * as repo from './repo.ts';

export type EdgeFigures = { aggregates: repo.MonthlyAggregate[]; lasts: repo.MonthlyLastValue[] };

/** Entries kept per database: a few edges per subscription read lately (each well under a kilobyte). */
export const EDGE_CACHE_SIZE = 20_000;

type Entry = { validator: string; figures: EdgeFigures };
const caches = new WeakMap<object, Map<string, Entry>>();

function cacheOf(db: DbOrTx): Map<string, Entry> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * Aggregates and last values of [edge.start, edge.end) for the given metrics, from memory when the stamps of
 * the edge's months in `monthRows` (the subscription's usage_monthly rows, read in the same request) are
 * those the figures were read under.
 */
export async function edgeFigures(
  db: DbOrTx,
  subscriptionId: string,
  metrics: readonly string[],
  lastMetrics: readonly string[],
  edge: { start: string; end: string },
  monthRows: readonly repo.MonthlyRow[],
): Promise<EdgeFigures> {
  const firstMonth = edge.start.slice(0, 7);
  const lastMonth = edge.end.slice(0, 7);
  const validator = monthRows
    .filter((r) => r.month >= firstMonth && r.month <= lastMonth)
    .map((r) => `${r.metric}\u0000${r.month}\u0000${r.stamp}\u0000${r.days}\u0000${r.sum}\u0000${r.max}`)
    .sort()
    .join('\u0001');
  const key = `${subscriptionId}\u0000${edge.start}\u0000${edge.end}\u0000${metrics.join(',')}\u0000${lastMetrics.join(',')}`;
  const cache = cacheOf(db);
  const hit = cache.get(key);
  if (hit && hit.validator === validator && validator !== '' && !validator.includes('\u0000\u0000')) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit.figures;
  }
  const [aggregates, lasts] = await Promise.all([
    repo.dailyMonthlyAggregates(db, subscriptionId, metrics, edge.start, edge.end),
    repo.dailyLastValues(db, subscriptionId, edge.start, edge.end, lastMetrics),
  ]);
  const figures = { aggregates, lasts };
  cache.delete(key);
  cache.set(key, { validator, figures });
  if (cache.size > EDGE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return figures;
}
