// HTTP for the vendor's systems (API key, no cookie, no CSRF check: app.ts exempts /api/v1/): push usage,
// read the metric catalog.

import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { authenticateApiKey } from './api-keys.ts';
import { listMetrics } from './catalog.ts';
import { ingestUsage } from './ingestion.ts';

export function createUsageRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/usage', async (c) => {
      await authenticateApiKey(deps, c.req.header('authorization'));
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new AppError('bad_request', 'The body must be JSON: {"records": [...]}.');
      }
      return c.json(await ingestUsage(deps, body), 200);
    })
    .get('/metrics', async (c) => {
      await authenticateApiKey(deps, c.req.header('authorization'));
      return c.json({ metrics: await listMetrics(deps) }, 200);
    });
}
