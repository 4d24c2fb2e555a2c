// The client's address, for rate limits and session records. X-Forwarded-For is believed only when the
// operator says a proxy sets it (TRUST_PROXY); otherwise the socket's address.

import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

export function clientIp(options: { trustProxy: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let ip: string | undefined;
    if (options.trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (!ip) {
      try {
        ip = getConnInfo(c).remote.address;
      } catch {
        ip = undefined; // not served by node (in-process tests): no socket to read
      }
    }
    c.set('clientIp', ip || 'unknown');
    await next();
  };
}
