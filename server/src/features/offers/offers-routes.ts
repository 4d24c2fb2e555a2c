// HTTP for a subscription's offers and quotes (mounted beside the subscriptions router on /subscriptions).
// Members see offers and quotes; only an admin makes a quote.

import { ZOffersQuery, ZQuoteRequest } from '@portal/shared/schemas/offers';
import { Hono } from 'hono';
import {
  allowCustomerAdmins,
  allowCustomers,
  requireCustomer,
  requireCustomerAdmin,
} from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { getOffers } from './offers-service.ts';
import { createQuote, listSubscriptionQuotes } from './quotes-service.ts';

export function createSubscriptionOfferRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/:id/offers', allowCustomers(), validate('query', ZOffersQuery), async (c) => {
      const user = requireCustomer(c);
      const offers = await getOffers(deps, user.accountId, c.req.param('id'), c.req.valid('query').seats);
      return c.json(offers, 200);
    })
    .get('/:id/quotes', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      return c.json({ quotes: await listSubscriptionQuotes(deps, user.accountId, c.req.param('id')) }, 200);
    })
    .post('/:id/quotes', allowCustomerAdmins(), validate('json', ZQuoteRequest), async (c) => {
      const admin = requireCustomerAdmin(c);
      const { quote, isNew } = await createQuote(deps, admin, c.req.param('id'), c.req.valid('json'));
      if (isNew) return c.json({ quote }, 201);
      return c.json({ quote }, 200);
    });
}
