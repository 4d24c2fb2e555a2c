// Load shedding: past `maxInFlight` requests being served at once, a request is answered 503 with
// Retry-After at once instead of queueing behind the others. A saturated process otherwise accepts every
// connection and answers all of them late (seconds, then client timeouts); a 503 is cheap, says when to come
// back, and lets a load balancer try another instance. Health checks are never shed.

import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors.ts';

export type LoadShedder = {
  middleware: MiddlewareHandler;
  /** Requests being served now. */
  readonly inFlight: number;
  /** Requests refused since the start. */
  readonly shed: number;
};

export function createLoadShedder(options: {
  maxInFlight: number;
  retryAfterSeconds: number;
  exemptPaths?: readonly string[];
}): LoadShedder {
  const exempt = new Set(options.exemptPaths ?? []);
  let inFlight = 0;
  let shed = 0;
  const middleware: MiddlewareHandler = async (c, next) => {
    if (exempt.has(c.req.path)) return next();
    if (inFlight >= options.maxInFlight) {
      shed++;
      throw new AppError('overloaded', 'The portal is busy. Please try again in a moment.', {
        headers: { 'Retry-After': String(options.retryAfterSeconds) },
      });
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
  return {
    middleware,
    get inFlight() {
      return inFlight;
    },
    get shed() {
      return shed;
    },
  };
}
