// HTTP for ops: the catalog's per-seat prices per currency and the versioned pricing rules.

import { ZPublishPricingRulesRequest, ZUpdatePlanPricesRequest } from '@portal/shared/schemas/offers';
import { Hono } from 'hono';
import { allow, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { getOpsCatalog, updatePlanPrices } from './catalog-service.ts';
import { getPricingRules, publishPricingRules } from './pricing-rules-service.ts';

export function createOpsCatalogRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ plans: await getOpsCatalog(deps) }, 200);
    })
    .put('/plans/:code/prices', allow('ops'), validate('json', ZUpdatePlanPricesRequest), async (c) => {
      const ops = requireRole(c, ['ops']);
      const plan = await updatePlanPrices(deps, ops, c.req.param('code'), c.req.valid('json'));
      return c.json({ plan }, 200);
    });
}

export function createOpsPricingRulesRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json(await getPricingRules(deps), 200);
    })
    .put('/', allow('ops'), validate('json', ZPublishPricingRulesRequest), async (c) => {
      const ops = requireRole(c, ['ops']);
      return c.json({ current: await publishPricingRules(deps, ops, c.req.valid('json')) }, 200);
    });
}
