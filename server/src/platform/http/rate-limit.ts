// A fixed-window request counter per key, kept in the database so every instance counts against the same limit
// (decision 022; before, each process counted alone and N instances allowed N × the limit). For request rates
// that need no durable record: the usage API per API key. Windows are aligned to multiples of `windowMs` in
// real time (not demo time), so instances agree on them without talking to each other.

import type { DbOrTx } from '../db/connection.ts';
import { AppError } from './errors.ts';
import { countRequest, deleteCountersBefore } from './rate-limit-repo.ts';

export type RateLimiter = {
  /** Counts one request for `key`; throws 429 with Retry-After when the window's limit is passed. */
  hit(key: string): Promise<void>;
};

/** Every this many hits an instance deletes the counters of windows that have ended. */
const SWEEP_EVERY_HITS = 1_000;

export function createRateLimiter(options: {
  db: DbOrTx;
  limit: number;
  windowMs: number;
  now?: () => number;
}): RateLimiter {
  const { db, limit, windowMs } = options;
  const now = options.now ?? Date.now;
  let hits = 0;
  return {
    async hit(key) {
      const at = now();
      const windowStart = at - (at % windowMs);
      if (++hits % SWEEP_EVERY_HITS === 0) await deleteCountersBefore(db, windowStart - windowMs);
      const counted = await countRequest(db, key, windowStart);
      if (counted.count > limit) {
        const retryAfter = Math.max(1, Math.ceil((counted.windowStartMs + windowMs - at) / 1000));
        throw new AppError('rate_limited', 'Too many requests. Slow down and try again shortly.', {
          headers: { 'Retry-After': String(retryAfter) },
        });
      }
    },
  };
}
