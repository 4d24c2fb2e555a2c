// HTTP for paying a quote: start its checkout (admins; mounted beside the quote on /quotes) and read a
// checkout's state (any customer of the account; the success page polls it).

import { ZCheckoutRequest } from '@portal/shared/schemas/payments';
import { Hono } from 'hono';
import {
  allowCustomerAdmins,
  allowCustomers,
  requireCustomer,
  requireCustomerAdmin,
} from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { getCheckoutConsentTerms, getCheckoutStatus, startQuoteCheckout } from './checkout.ts';

export function createQuoteCheckoutRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/:id/checkout-terms', allowCustomerAdmins(), async (c) => {
      const admin = requireCustomerAdmin(c);
      return c.json({ terms: await getCheckoutConsentTerms(deps, admin, c.req.param('id')) }, 200);
    })
    .post('/:id/checkout', allowCustomerAdmins(), validate('json', ZCheckoutRequest), async (c) => {
      const admin = requireCustomerAdmin(c);
      // Who ticked "renew automatically", from where: taken from this request, never from Stripe's events.
      const meta = {
        ip: c.get('clientIp') ?? null,
        userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
      };
      const checkout = await startQuoteCheckout(deps, admin, c.req.param('id'), c.req.valid('json'), meta);
      return c.json({ checkout }, checkout.isReused ? 200 : 201);
    });
}

export function createCheckoutStatusRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/sessions/:id', allowCustomers(), async (c) => {
    const user = requireCustomer(c);
    return c.json({ checkout: await getCheckoutStatus(deps, user.accountId, c.req.param('id')) }, 200);
  });
}
