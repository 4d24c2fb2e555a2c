// The vendor's polling feed: `GET /api/v1/events?after=<cursor>&limit=`, for an API key with `events:read`.
// Events come in feed order (decision 019: a late-committed event is placed after what was already read, so
// a cursor never skips one); `next` is the cursor to pass as `after` on the next call.

import { ZEventFeedQuery } from '@portal/shared/schemas/webhooks';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { apiKeyGuard } from '../api-keys/service.ts';
import { readFeed } from './sequencer.ts';

export function createEventFeedRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get(
    '/events',
    apiKeyGuard(deps, 'events:read'),
    validate('query', ZEventFeedQuery),
    async (c) => c.json(await readFeed(deps, c.req.valid('query')), 200),
  );
}
