// HTTP for ops: usage API keys (create shows the key once; revoke), the metric catalog, and the hourly-cost
// assumption of the ROI estimate. Mounted on /ops; every route is ops-only.

import {
  ZCreateApiKeyRequest,
  ZCreateMetricRequest,
  ZValueSettings,
} from '@portal/shared/schemas/value-reports';
import { Hono } from 'hono';
import { allow, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';
import { createMetric, getValueSettings, listMetrics, updateValueSettings } from './catalog.ts';

export function createValueReportOpsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/api-keys', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ apiKeys: await listApiKeys(deps) }, 200);
    })
    .post('/api-keys', allow('ops'), validate('json', ZCreateApiKeyRequest), async (c) => {
      const ops = requireRole(c, ['ops']);
      return c.json(await createApiKey(deps, ops, c.req.valid('json')), 201);
    })
    .delete('/api-keys/:id', allow('ops'), async (c) => {
      const ops = requireRole(c, ['ops']);
      return c.json({ apiKey: await revokeApiKey(deps, ops, c.req.param('id')) }, 200);
    })
    .get('/metrics', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ metrics: await listMetrics(deps) }, 200);
    })
    .post('/metrics', allow('ops'), validate('json', ZCreateMetricRequest), async (c) => {
      const ops = requireRole(c, ['ops']);
      return c.json({ metric: await createMetric(deps, ops, c.req.valid('json')) }, 201);
    })
    .get('/value-settings', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ settings: await getValueSettings(deps) }, 200);
    })
    .put('/value-settings', allow('ops'), validate('json', ZValueSettings), async (c) => {
      const ops = requireRole(c, ['ops']);
      return c.json({ settings: await updateValueSettings(deps, ops, c.req.valid('json')) }, 200);
    });
}
