// HTTP for ops: webhook endpoints (create and rotate show the secret once), their deliveries with attempts,
// replays (one delivery, or a range of events) and a test message. Mounted on /ops/webhooks; ops only.

import {
  ZDeliveryListQuery,
  ZReplayRange,
  ZWebhookEndpointInput,
  ZWebhookEndpointUpdate,
} from '@portal/shared/schemas/webhooks';
import { Hono } from 'hono';
import { allow, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { listEndpointDeliveries, replayDelivery, replayRange, sendTestEvent } from './deliveries.ts';
import { createEndpoint, getEndpoint, listEndpoints, rotateSecret, updateEndpoint } from './endpoints.ts';
import { countFailedDeliveries } from './service.ts';

export function createWebhookOpsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      const [endpoints, failedDeliveries] = await Promise.all([
        listEndpoints(deps),
        countFailedDeliveries(deps),
      ]);
      return c.json({ endpoints, failedDeliveries }, 200);
    })
    .post('/', allow('ops'), validate('json', ZWebhookEndpointInput), async (c) => {
      const ops = requireRole(c, ['ops']);
      return c.json(await createEndpoint(deps, ops, c.req.valid('json')), 201);
    })
    .get('/:id', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ endpoint: await getEndpoint(deps, c.req.param('id')) }, 200);
    })
    .patch('/:id', allow('ops'), validate('json', ZWebhookEndpointUpdate), async (c) => {
      const ops = requireRole(c, ['ops']);
      return c.json(
        { endpoint: await updateEndpoint(deps, ops, c.req.param('id'), c.req.valid('json')) },
        200,
      );
    })
    .post('/:id/rotate-secret', allow('ops'), async (c) => {
      const ops = requireRole(c, ['ops']);
      return c.json(await rotateSecret(deps, ops, c.req.param('id')), 200);
    })
    .get('/:id/deliveries', allow('ops'), validate('query', ZDeliveryListQuery), async (c) => {
      requireRole(c, ['ops']);
      const deliveries = await listEndpointDeliveries(deps, c.req.param('id'), c.req.valid('query'));
      return c.json({ deliveries }, 200);
    })
    .post('/:id/deliveries/:deliveryId/replay', allow('ops'), async (c) => {
      const ops = requireRole(c, ['ops']);
      const delivery = await replayDelivery(deps, ops, c.req.param('id'), c.req.param('deliveryId'));
      return c.json({ delivery }, 201);
    })
    .post('/:id/replay', allow('ops'), validate('json', ZReplayRange), async (c) => {
      const ops = requireRole(c, ['ops']);
      return c.json(await replayRange(deps, ops, c.req.param('id'), c.req.valid('json')), 201);
    })
    .post('/:id/test', allow('ops'), async (c) => {
      const ops = requireRole(c, ['ops']);
      return c.json({ delivery: await sendTestEvent(deps, ops, c.req.param('id')) }, 201);
    });
}
