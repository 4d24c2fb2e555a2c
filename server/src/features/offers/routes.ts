// The offers feature's HTTP surface, mounted once at the API root: offers and quotes of a subscription, one
// quote, and the ops catalog and pricing-rules editors.

import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { createSubscriptionOfferRoutes } from './offers-routes.ts';
import { createOpsCatalogRoutes, createOpsPricingRulesRoutes } from './ops-routes.ts';
import { createQuoteProcurementRoutes } from './quote-procurement-routes.ts';
import { createQuoteRoutes } from './quotes-routes.ts';

export function createOffersApi(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route('/subscriptions', createSubscriptionOfferRoutes(deps))
    .route('/quotes', createQuoteRoutes(deps))
    .route('/quotes', createQuoteProcurementRoutes(deps))
    .route('/ops/catalog', createOpsCatalogRoutes(deps))
    .route('/ops/pricing-rules', createOpsPricingRulesRoutes(deps));
}
