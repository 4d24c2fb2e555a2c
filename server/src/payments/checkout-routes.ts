// HTTP for paying a quote: start its checkout (admins; mounted beside the quote on /quotes) and read a
// checkout's state (any customer of the account; the success page polls it).

import { ZCheckoutRequest } from '@portal/shared/schemas/payments';
import { Hono } from 'hono';
import {
  allowCustomerAdmins,
  allowCustomers,
  requireCustomer,
  requireCustomerAdmin,
} from '../auth/guards.ts';
import type { AppDeps, AppEnv } from '../http/context.ts';
import { validate } from '../http/validate.ts';
import { getCheckoutStatus, startQuoteCheckout } from './checkout.ts';

export function createQuoteCheckoutRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/:id/checkout',
    allowCustomerAdmins(),
    validate('json', ZCheckoutRequest),
    async (c) => {
      const admin = requireCustomerAdmin(c);
      const checkout = await startQuoteCheckout(deps, admin, c.req.param('id'), c.req.valid('json'));
      return c.json({ checkout }, checkout.isReused ? 200 : 201);
    },
  );
}

export function createCheckoutStatusRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/sessions/:id', allowCustomers(), async (c) => {
    const user = requireCustomer(c);
    return c.json({ checkout: await getCheckoutStatus(deps, user.accountId, c.req.param('id')) }, 200);
  });
}
