// HTTP for the vendor's systems (API key, no cookie, no CSRF check: app.ts exempts /api/v1/): push usage,
// read the metric catalog.

import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { apiKeyGuard } from '../api-keys/service.ts';
import { listMetrics } from './catalog.ts';
import { ingestUsage } from './ingestion.ts';

export function createUsageRoutes(deps: AppDeps) {
  // Guard: an API key with `usage:write` before the body, then the request rate per key (api-keys).
  const apiKey = apiKeyGuard(deps, 'usage:write');
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
