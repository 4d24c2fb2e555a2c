// HTTP for the account's billing details (mounted on /account/billing): members read, admins write.

import { ZUpdateBillingDetails } from '@portal/shared/schemas/payments';
import { Hono } from 'hono';
import { requireCustomer, requireCustomerAdmin } from '../auth/guards.ts';
import type { AppDeps, AppEnv } from '../http/context.ts';
import { validate } from '../http/validate.ts';
import { getBillingDetails, updateBillingDetails } from './billing-details.ts';

export function createBillingDetailsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const user = requireCustomer(c);
      return c.json({ billing: await getBillingDetails(deps, user.accountId) }, 200);
    })
    .put('/', validate('json', ZUpdateBillingDetails), async (c) => {
      const admin = requireCustomerAdmin(c);
      return c.json({ billing: await updateBillingDetails(deps, admin, c.req.valid('json')) }, 200);
    });
}
