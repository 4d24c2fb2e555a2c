// HTTP for the account's subscriptions (the auto-renew switch is the auto-renew feature's, same path).

import { Hono } from 'hono';
import { allowCustomers, requireCustomer } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import * as subscriptions from './service.ts';

export function createSubscriptionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      return c.json({ subscriptions: await subscriptions.listSubscriptions(deps, user.accountId) }, 200);
    })
    .get('/:id', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      return c.json(
        { subscription: await subscriptions.getSubscription(deps, user.accountId, c.req.param('id')) },
        200,
      );
    });
}
