// HTTP for the account's billing details (mounted on /account/billing): members read, admins write.

import { ZUpdateBillingDetails } from '@portal/shared/schemas/payments';
import { Hono } from 'hono';
import {
  allowCustomerAdmins,
  allowCustomers,
  requireCustomer,
  requireCustomerAdmin,
} from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { getBillingDetails, updateBillingDetails } from './billing-details.ts';

export function createBillingDetailsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      return c.json({ billing: await getBillingDetails(deps, user.accountId) }, 200);
    })
    .put('/', allowCustomerAdmins(), validate('json', ZUpdateBillingDetails), async (c) => {
      const admin = requireCustomerAdmin(c);
      return c.json({ billing: await updateBillingDetails(deps, admin, c.req.valid('json')) }, 200);
    });
}
