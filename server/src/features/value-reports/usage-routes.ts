// HTTP for the vendor's systems (API key, no cookie, no CSRF check: app.ts exempts /api/v1/): push usage,
// read the metric catalog.

import { Hono } from 'hono';
import { guard } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createRateLimiter } from '../../platform/http/rate-limit.ts';
import { authenticateApiKey } from './api-keys.ts';
import { listMetrics } from './catalog.ts';
import { ingestUsage } from './ingestion.ts';

export function createUsageRoutes(deps: AppDeps) {
  // Guard: the API key before the body; then a request rate per key (and per address for bad keys).
  const limiter = createRateLimiter({
    db: deps.db,
    limit: deps.config.usageRequestsPerMinute,
    windowMs: 60_000,
  });
  const apiKey = guard({ kind: 'api-key' }, async (c) => {
    try {
      const { keyId } = await authenticateApiKey(deps, c.req.header('authorization'));
      await limiter.hit(`key:${keyId}`);
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated')
        await limiter.hit(`ip:${c.get('clientIp')}`);
      throw error;
    }
  });
  return new Hono<AppEnv>()
    .post('/usage', apiKey, async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new AppError('bad_request', 'The body must be JSON: {"records": [...]}.');
      }
      return c.json(await ingestUsage(deps, body), 200);
    })
    .get('/metrics', apiKey, async (c) => {
      return c.json({ metrics: await listMetrics(deps) }, 200);
    });
}
