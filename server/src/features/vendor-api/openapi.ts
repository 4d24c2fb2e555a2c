// The OpenAPI 3.1 document of `/api/v1` (issue 13 item 3), generated from the same zod schemas the routes and
// applyRecords validate with (shared/src/schemas/vendor-api.ts), and its interactive reference: Swagger UI
// served from the `swagger-ui-dist` package by this server (no CDN: the CSP allows only 'self').
// vendor-api.test.ts checks real responses against this document and that every /api/v1 route is in it.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { ZApiError } from '@portal/shared/errors';
import { API_KEY_SCOPES } from '@portal/shared/schemas/api-keys';
import { PortalEvent } from '@portal/shared/schemas/events';
import {
  MAX_USAGE_BATCH,
  ZMetric,
  ZUsageIngestResult,
  ZUsageRecord,
} from '@portal/shared/schemas/value-reports';
import {
  MAX_BATCH_RECORDS,
  ZAccountPage,
  ZAccountRecord,
  ZBatchResponse,
  ZContactList,
  ZContactRecord,
  ZListQuery,
  ZSubscriptionPage,
  ZSubscriptionRecord,
  ZVendorAccount,
  ZVendorSubscription,
} from '@portal/shared/schemas/vendor-api';
import { ZEventFeedQuery } from '@portal/shared/schemas/webhooks';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { RATE_LIMIT_WINDOW_MS } from '../api-keys/service.ts';

const documents = new WeakMap<AppDeps, unknown>();

/** The document for this server (its rate limit and URL), built once. */
export function openApiDocument(deps: AppDeps): unknown {
  let document = documents.get(deps);
  if (!document) {
    document = buildDocument(deps);
    documents.set(deps, document);
  }
  return document;
}

function buildDocument(deps: AppDeps) {
  const perMinute = deps.config.usageRequestsPerMinute;
  const windowSeconds = RATE_LIMIT_WINDOW_MS / 1000;
  // Schemas are inlined rather than registered as components: `registry.register` needs zod extended with
  // `.openapi()`, which the shared (plain zod) schemas do not carry when the generator loads as CommonJS.
  const generator = new OpenAPIHono();
  const registry = generator.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: `An API key made by ops (Ops → API keys), sent as \`Authorization: Bearer rpk_…\`. Scopes: ${API_KEY_SCOPES.join(', ')}.`,
  });

  const json = (schema: z.ZodType, description: string) => ({
    description,
    content: { 'application/json': { schema } },
  });
  const errors = (scope: string) => ({
    400: json(ZApiError, 'The body or query is not valid (field errors in `error.fields`).'),
    401: json(ZApiError, 'No valid API key.'),
    403: json(ZApiError, `The key lacks the \`${scope}\` scope.`),
    429: {
      ...json(ZApiError, `More than ${perMinute} requests in ${windowSeconds} s with this key.`),
      headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' as const } } },
    },
  });
  const dryRun = z.object({
    dryRun: z
      .enum(['true', 'false'])
      .optional()
      .describe('`true`: check every record and report what would happen; change nothing.'),
  });
  const records = (schema: z.ZodType) => z.object({ records: z.array(schema).max(MAX_BATCH_RECORDS) });
  const batchDescription = `At most ${MAX_BATCH_RECORDS} records per request, applied in one transaction. Each record is checked on its own: a refused record is reported with field errors and does not stop the others. Sending the same record again changes nothing (\`unchanged\`).`;
  const writes = [
    {
      path: '/batch',
      summary: 'Upsert accounts, contacts and subscriptions together',
      body: z.object({
        accounts: z.array(ZAccountRecord).max(MAX_BATCH_RECORDS).optional(),
        contacts: z.array(ZContactRecord).max(MAX_BATCH_RECORDS).optional(),
        subscriptions: z.array(ZSubscriptionRecord).max(MAX_BATCH_RECORDS).optional(),
      }),
    },
    { path: '/accounts', summary: 'Upsert accounts by external id', body: records(ZAccountRecord) },
    {
      path: '/contacts',
      summary: 'Upsert contacts (by account external id and e-mail); invite once',
      body: records(ZContactRecord),
    },
    {
      path: '/subscriptions',
      summary: 'Upsert subscriptions by external id',
      body: records(ZSubscriptionRecord),
    },
  ];
  for (const write of writes) {
    registry.registerPath({
      method: 'post',
      path: write.path,
      summary: write.summary,
      description: batchDescription,
      security: [{ apiKey: [] }],
      request: {
        query: dryRun,
        body: { required: true, content: { 'application/json': { schema: write.body } } },
      },
      responses: {
        200: json(ZBatchResponse, 'One result per record: accounts, then contacts, then subscriptions.'),
        413: json(ZApiError, `More than ${MAX_BATCH_RECORDS} records.`),
        ...errors('accounts:write'),
      },
    });
  }
  const externalId = z.object({ externalId: z.string().describe("The vendor's id") });
  const notFound = { 404: json(ZApiError, 'No record has this external id.') };
  registry.registerPath({
    method: 'get',
    path: '/accounts',
    summary: 'List accounts (by external id)',
    security: [{ apiKey: [] }],
    request: { query: ZListQuery },
    responses: {
      200: json(ZAccountPage, 'A page; pass `nextCursor` as `cursor`.'),
      ...errors('accounts:read'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/accounts/{externalId}',
    summary: 'Read an account',
    security: [{ apiKey: [] }],
    request: { params: externalId },
    responses: { 200: json(ZVendorAccount, 'The account.'), ...notFound, ...errors('accounts:read') },
  });
  registry.registerPath({
    method: 'get',
    path: '/accounts/{externalId}/contacts',
    summary: "Read an account's contacts",
    security: [{ apiKey: [] }],
    request: { params: externalId },
    responses: { 200: json(ZContactList, 'Its contacts.'), ...notFound, ...errors('accounts:read') },
  });
  registry.registerPath({
    method: 'get',
    path: '/subscriptions',
    summary: 'List subscriptions (by external id)',
    security: [{ apiKey: [] }],
    request: { query: ZListQuery.extend({ accountExternalId: z.string().optional() }) },
    responses: {
      200: json(ZSubscriptionPage, 'A page; pass `nextCursor` as `cursor`.'),
      ...notFound,
      ...errors('accounts:read'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/subscriptions/{externalId}',
    summary: 'Read a subscription',
    security: [{ apiKey: [] }],
    request: { params: externalId },
    responses: {
      200: json(ZVendorSubscription, 'The subscription.'),
      ...notFound,
      ...errors('accounts:read'),
    },
  });
  // Usage, the metric catalog (value-reports, decision 005) and the event feed (webhooks, decision 019).
  registry.registerPath({
    method: 'post',
    path: '/usage',
    summary: 'Push daily usage per subscription and metric',
    description: `At most ${MAX_USAGE_BATCH} records per request. The batch is checked whole: one bad record refuses it all (400, \`error.fields\` keyed by \`records.<index>.<field>\`) and nothing is written. The same (subscription, metric, date) again replaces its value.`,
    security: [{ apiKey: [] }],
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ records: z.array(ZUsageRecord).min(1).max(MAX_USAGE_BATCH) }),
          },
        },
      },
    },
    responses: { 200: json(ZUsageIngestResult, 'What was written.'), ...errors('usage:write') },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    summary: 'The metric catalog (codes to push usage for)',
    security: [{ apiKey: [] }],
    responses: {
      200: json(z.object({ metrics: z.array(ZMetric) }), 'Every metric.'),
      ...errors('usage:write'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/events',
    summary: 'Poll the event feed',
    description:
      'Events in feed order after the cursor. Pass `next` as `after` on the next call; `hasMore` says whether to call again now. An event committed late is placed after what was already read, so a cursor never skips one.',
    security: [{ apiKey: [] }],
    request: { query: ZEventFeedQuery },
    responses: {
      200: json(
        z.object({ events: z.array(PortalEvent), next: z.string().nullable(), hasMore: z.boolean() }),
        'A page of events.',
      ),
      ...errors('events:read'),
    },
  });
  return generator.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Renewal portal API',
      version: '1',
      description: [
        "Load the vendor's customers and contracts into the renewal portal, keyed by the vendor's own ids.",
        '',
        `- **Batch size:** at most ${MAX_BATCH_RECORDS} records per request, one transaction per request.`,
        `- **Rate limit:** ${perMinute} requests per ${windowSeconds} s per API key, for all /api/v1 routes together; over it: 429 with Retry-After.`,
        '- **Scopes:** writes need `accounts:write`, reads `accounts:read`; `/usage` and `/metrics` need `usage:write`, `/events` needs `events:read`.',
        '- A subscription that renewed automatically in your old system (`autoRenewElsewhere`) is never renewed automatically here until the customer consents in the portal.',
      ].join('\n'),
    },
    servers: [{ url: `${deps.config.publicUrl}/api/v1` }],
    'x-batch-max-records': MAX_BATCH_RECORDS,
    'x-rate-limit': { requests: perMinute, windowSeconds, per: 'api-key' },
  } as Parameters<typeof generator.getOpenAPI31Document>[0]);
}

// ---- the interactive reference ----

const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
});
`;
const ASSETS: Record<string, { file: string | null; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'swagger-ui-standalone-preset.js': {
    file: 'swagger-ui-standalone-preset.js',
    type: 'text/javascript; charset=utf-8',
  },
  'init.js': { file: null, type: 'text/javascript; charset=utf-8' },
};
const assetCache = new Map<string, string>();

export function docsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Renewal portal API reference</title>
<link rel="stylesheet" href="/api/v1/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/v1/docs/swagger-ui-bundle.js"></script>
<script src="/api/v1/docs/swagger-ui-standalone-preset.js"></script>
<script src="/api/v1/docs/init.js"></script>
</body>
</html>
`;
}

export function docsAsset(name: string): Response {
  const asset = ASSETS[name];
  if (!asset) throw new AppError('not_found', 'No such file.');
  let body = assetCache.get(name);
  if (body === undefined) {
    body = asset.file ? readFileSync(join(SWAGGER_DIR, asset.file), 'utf8') : INITIALIZER;
    assetCache.set(name, body);
  }
  return new Response(body, {
    headers: { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=3600' },
  });
}
