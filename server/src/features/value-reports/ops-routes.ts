// HTTP for ops: the metric catalog, and the hourly-cost
// assumption of the ROI estimate. Mounted on /ops; every route is ops-only.

import { ZCreateMetricRequest, ZValueSettings } from '@portal/shared/schemas/value-reports';
import { Hono } from 'hono';
import { allow, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { createMetric, getValueSettings, listMetrics, updateValueSettings } from './catalog.ts';

export function createValueReportOpsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
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
