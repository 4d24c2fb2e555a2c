// CSRF defence for cookie-authenticated routes: a state-changing request must come from an allowed Origin
// (or, when a client sends no Origin, from the same site per Sec-Fetch-Site). Routes that do not use the
// session cookie (Stripe webhooks, API-key ingestion) are exempt: they authenticate each request themselves.

import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function originCheck(options: {
  allowedOrigins: string[];
  exemptPrefixes: string[];
}): MiddlewareHandler {
  const allowed = new Set(options.allowedOrigins);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || options.exemptPrefixes.some((p) => c.req.path.startsWith(p))) {
      return next();
    }
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const isAllowed = origin
      ? allowed.has(origin) || origin === new URL(c.req.url).origin
      : fetchSite === 'same-origin';
    if (!isAllowed) throw new AppError('csrf_failed', 'This request did not come from the portal.');
    return next();
  };
}
