// A fixed-window request counter per key, in memory (one portal process; SQLite allows no other), for request
// rates that need no durable record: the usage API per API key. Counted in real time, not demo time.

import { AppError } from './errors.ts';

export type RateLimiter = {
  /** Counts one request for `key`; throws 429 with Retry-After when the window's limit is passed. */
  hit(key: string): void;
};

export function createRateLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const at = now();
      let window = windows.get(key);
      if (!window || at - window.start >= options.windowMs) {
        if (windows.size > 10_000) windows.clear();
        window = { start: at, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      if (window.count > options.limit) {
        const retryAfter = Math.max(1, Math.ceil((window.start + options.windowMs - at) / 1000));
        throw new AppError('rate_limited', 'Too many requests. Slow down and try again shortly.', {
          headers: { 'Retry-After': String(retryAfter) },
        });
      }
    },
  };
}
