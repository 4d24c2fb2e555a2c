// HTTP for the vendor's systems under /api/v1 (API key, no cookie, no CSRF check: app.ts exempts /api/v1/):
// upsert accounts, contacts and subscriptions by external id (batches, `?dryRun=true`), read them back, and
// the OpenAPI document with its interactive reference (public: it describes the API, it holds no data).

import {
  type TBatchResponse,
  type TRecordResult,
  ZBatchQuery,
  ZBatchRequest,
  ZListQuery,
  ZRecordsRequest,
} from '@portal/shared/schemas/vendor-api';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { type ApiKeyPrincipal, apiKeyGuard, requireApiKey } from '../api-keys/service.ts';
import { docsAsset, docsPage, openApiDocument } from './openapi.ts';
import {
  applyRecords,
  getVendorAccount,
  getVendorSubscription,
  listAccounts,
  listContactsOf,
  listSubscriptions,
  type RecordBatch,
} from './service.ts';

const actorOf = (key: ApiKeyPrincipal) => ({ userId: null, label: `api-key:${key.prefix} (${key.name})` });

function batchResponse(results: TRecordResult[], dryRun: boolean): TBatchResponse {
  const counts = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const r of results) counts[r.outcome]++;
  return { dryRun, results, counts };
}

const ZSubscriptionListQuery = ZListQuery.extend({ accountExternalId: z.string().max(100).optional() });

export function createVendorApiRoutes(deps: AppDeps) {
  const canWrite = apiKeyGuard(deps, 'accounts:write');
  const canRead = apiKeyGuard(deps, 'accounts:read');
  const apply = async (key: ApiKeyPrincipal, batch: RecordBatch, dryRun: boolean) =>
    batchResponse(await applyRecords(deps, actorOf(key), batch, { dryRun }), dryRun);
  return new Hono<AppEnv>()
    .post('/batch', canWrite, validate('query', ZBatchQuery), validate('json', ZBatchRequest), async (c) => {
      const dryRun = c.req.valid('query').dryRun === 'true';
      return c.json(await apply(requireApiKey(c), c.req.valid('json'), dryRun), 200);
    })
    .post(
      '/accounts',
      canWrite,
      validate('query', ZBatchQuery),
      validate('json', ZRecordsRequest),
      async (c) => {
        const dryRun = c.req.valid('query').dryRun === 'true';
        return c.json(await apply(requireApiKey(c), { accounts: c.req.valid('json').records }, dryRun), 200);
      },
    )
    .post(
      '/contacts',
      canWrite,
      validate('query', ZBatchQuery),
      validate('json', ZRecordsRequest),
      async (c) => {
        const dryRun = c.req.valid('query').dryRun === 'true';
        return c.json(await apply(requireApiKey(c), { contacts: c.req.valid('json').records }, dryRun), 200);
      },
    )
    .post(
      '/subscriptions',
      canWrite,
      validate('query', ZBatchQuery),
      validate('json', ZRecordsRequest),
      async (c) => {
        const dryRun = c.req.valid('query').dryRun === 'true';
        const batch = { subscriptions: c.req.valid('json').records };
        return c.json(await apply(requireApiKey(c), batch, dryRun), 200);
      },
    )
    .get('/accounts', canRead, validate('query', ZListQuery), async (c) => {
      return c.json(await listAccounts(deps, c.req.valid('query')), 200);
    })
    .get('/accounts/:externalId', canRead, async (c) => {
      return c.json(await getVendorAccount(deps, c.req.param('externalId')), 200);
    })
    .get('/accounts/:externalId/contacts', canRead, async (c) => {
      return c.json({ data: await listContactsOf(deps, c.req.param('externalId')) }, 200);
    })
    .get('/subscriptions', canRead, validate('query', ZSubscriptionListQuery), async (c) => {
      return c.json(await listSubscriptions(deps, c.req.valid('query')), 200);
    })
    .get('/subscriptions/:externalId', canRead, async (c) => {
      return c.json(await getVendorSubscription(deps, c.req.param('externalId')), 200);
    })
    .get('/openapi.json', (c) => c.json(openApiDocument(deps), 200))
    .get('/docs', (c) => c.html(docsPage()))
    .get('/docs/:asset', (c) => docsAsset(c.req.param('asset')));
}
