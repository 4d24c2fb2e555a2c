// HTTP for the account's subscriptions.

import { ZAutoRenewRequest } from '@portal/shared/schemas/subscriptions';
import { Hono } from 'hono';
import { requireCustomer, requireCustomerAdmin } from '../auth/guards.ts';
import type { AppDeps, AppEnv } from '../http/context.ts';
import { validate } from '../http/validate.ts';
import * as subscriptions from './service.ts';

export function createSubscriptionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const user = requireCustomer(c);
      return c.json({ subscriptions: await subscriptions.listSubscriptions(deps, user.accountId) }, 200);
    })
    .get('/:id', async (c) => {
      const user = requireCustomer(c);
      return c.json(
        { subscription: await subscriptions.getSubscription(deps, user.accountId, c.req.param('id')) },
        200,
      );
    })
    .put('/:id/auto-renew', validate('json', ZAutoRenewRequest), async (c) => {
      const admin = requireCustomerAdmin(c);
      const subscription = await subscriptions.setAutoRenew(
        deps,
        admin,
        c.req.param('id'),
        c.req.valid('json'),
      );
      return c.json({ subscription }, 200);
    });
}
