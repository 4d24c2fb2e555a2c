// The client's address, for rate limits and session records. Behind TRUST_PROXY=N reverse proxies, it is the
// right-most X-Forwarded-For entry that none of those N proxies added (`proxy-addr`, as Express uses): the
// client can put anything at the left of the header, never at its right. With no trusted proxy it is the
// socket's address, and X-Forwarded-For is ignored.

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import proxyAddr from 'proxy-addr';
import type { AppEnv } from './context.ts';

/** The client address from the socket address and the X-Forwarded-For header, trusting `trustedProxies` hops. */
export function resolveClientIp(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: number,
): string {
  // proxy-addr reads a Node request; only these two fields matter to it.
  const request = {
    socket: { remoteAddress: socketAddress ?? '' },
    connection: { remoteAddress: socketAddress ?? '' },
    headers: trustedProxies > 0 && forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as unknown as Parameters<typeof proxyAddr>[0];
  // Hop i (0 = the socket) is a trusted proxy while i < N: what proxy-addr does for a number of hops.
  return proxyAddr(request, (_address, hop) => hop < trustedProxies) || 'unknown';
}

function socketAddress(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // not served by node (in-process tests): no socket to read
  }
}

export function clientIp(options: { trustedProxies: number }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set(
      'clientIp',
      resolveClientIp(socketAddress(c), c.req.header('x-forwarded-for'), options.trustedProxies),
    );
    await next();
  };
}
