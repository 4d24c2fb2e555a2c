// The Node HTTP server's timeouts for running behind a load balancer (docs/deployment.md). Node's default
// keep-alive timeout (5 s) is shorter than load balancers' idle timeouts (60 s on AWS ALB, nginx 60-75 s):
// the portal then closes connections the balancer is about to reuse, and that request fails (502) or waits
// for a new connection. The portal keeps idle connections longer than the balancer, and bounds how long a
// client may take to send its headers and request.

import type { Server } from 'node:http';

export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function applyServerTimeouts(
  server: Pick<Server, 'keepAliveTimeout' | 'headersTimeout' | 'requestTimeout'>,
) {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Must exceed the keep-alive timeout, or Node may cut a reused connection while its next request arrives.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  server.requestTimeout = 120_000;
}
