// HTTP for ops: API keys (list; create with scopes, the secret shown once; revoke). Mounted on /ops, so the
// URLs are the ones value-reports used (/api/ops/api-keys).

import { ZCreateApiKeyRequest } from '@portal/shared/schemas/api-keys';
import { Hono } from 'hono';
import { allow, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './service.ts';

export function createApiKeyOpsRoutes(deps: AppDeps) {
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
    });
}
