// HTTP for one quote (mounted on /quotes; the payment feature adds its checkout beside it).

import { Hono } from 'hono';
import { allowCustomers, requireCustomer } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { getQuote } from './quotes-service.ts';

export function createQuoteRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/:id', allowCustomers(), async (c) => {
    const user = requireCustomer(c);
    return c.json({ quote: await getQuote(deps, user.accountId, c.req.param('id')) }, 200);
  });
}
