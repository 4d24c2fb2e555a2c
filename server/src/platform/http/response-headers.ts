// Headers every reply carries, set before the handler runs. Set after `next()` (as hono/secure-headers does),
// each one makes Hono and @hono/node-server turn the finished reply into a full Response object and copy it,
// which cost more than half of a small JSON reply's time (docs/decisions/016). Set before, they go into the
// headers the reply is built with; a handler that sets the same header still has the last word.

import type { MiddlewareHandler } from 'hono';

export type SecurityHeaderOptions = {
  /** Directives by name, e.g. `{ defaultSrc: ["'self'"] }` (camelCase, as hono/secure-headers takes them). */
  contentSecurityPolicy: Record<string, string[]>;
  /** The Strict-Transport-Security value, or false on plain http. */
  strictTransportSecurity: string | false;
};

/** Directive names in camelCase become kebab-case: `frameAncestors` → `frame-ancestors`. */
export function contentSecurityPolicy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), ...values].join(' '))
    .join('; ');
}

/** The security headers of hono/secure-headers' defaults, computed once. */
export function securityHeaderList(options: SecurityHeaderOptions): [string, string][] {
  return [
    ['Content-Security-Policy', contentSecurityPolicy(options.contentSecurityPolicy)],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'no-referrer'],
    ...(options.strictTransportSecurity
      ? [['Strict-Transport-Security', options.strictTransportSecurity] as [string, string]]
      : []),
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'SAMEORIGIN'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
  ];
}

/** Sets the given headers on every reply, before the handler (which may override them). */
export function presetHeaders(headers: readonly [string, string][]): MiddlewareHandler {
  return async (c, next) => {
    for (const [name, value] of headers) c.header(name, value);
    await next();
  };
}
