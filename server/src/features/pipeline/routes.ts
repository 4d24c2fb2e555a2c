// HTTP for the ops renewal pipeline: GET /api/ops/pipeline (JSON) and GET /api/ops/pipeline.csv (the same
// rows as a download). Ops only.

import { ZPipelineQuery } from '@portal/shared/schemas/value-reports';
import { Hono } from 'hono';
import { allow, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { exportPipelineCsv, listPipeline } from './service.ts';

export function createPipelineRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/pipeline', allow('ops'), validate('query', ZPipelineQuery), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ pipeline: await listPipeline(deps, c.req.valid('query')) }, 200);
    })
    .get('/pipeline.csv', allow('ops'), validate('query', ZPipelineQuery), async (c) => {
      requireRole(c, ['ops']);
      const { filename, csv } = await exportPipelineCsv(deps, c.req.valid('query'));
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
      });
    });
}
