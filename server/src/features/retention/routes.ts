// HTTP for churn reasons and save offers. Guards run before the body is read: admins submit a reason and
// answer the save offer (404 for another account's subscription); ops configure save offers; finance and ops
// read the churn-reasons summary.

import {
  ZChurnFeedbackRequest,
  ZSaveOfferDecision,
  ZSaveOffersUpdate,
} from '@portal/shared/schemas/retention';
import { Hono } from 'hono';
import { allow, allowCustomerAdmins, requireCustomerAdmin, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import * as retention from './service.ts';

/** Mounted at /subscriptions. */
export function createChurnFeedbackRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post(
      '/:id/churn-feedback',
      allowCustomerAdmins(),
      validate('json', ZChurnFeedbackRequest),
      async (c) => {
        const admin = requireCustomerAdmin(c);
        const result = await retention.submitChurnFeedback(
          deps,
          admin,
          c.req.param('id'),
          c.req.valid('json'),
        );
        return c.json(result, 201);
      },
    )
    .post(
      '/:id/churn-feedback/:feedbackId/save-offer',
      allowCustomerAdmins(),
      validate('json', ZSaveOfferDecision),
      async (c) => {
        const admin = requireCustomerAdmin(c);
        const result = await retention.decideSaveOffer(
          deps,
          admin,
          c.req.param('id'),
          c.req.param('feedbackId'),
          c.req.valid('json').decision,
        );
        return c.json(result, 200);
      },
    );
}

/** Mounted at /retention. */
export function createRetentionOpsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/save-offers', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ offers: await retention.listSaveOffers(deps) }, 200);
    })
    .put('/save-offers', allow('ops'), validate('json', ZSaveOffersUpdate), async (c) => {
      const user = requireRole(c, ['ops']);
      return c.json({ offers: await retention.updateSaveOffers(deps, user, c.req.valid('json')) }, 200);
    })
    .get('/churn-reasons', allow('ops', 'finance'), async (c) => {
      requireRole(c, ['ops', 'finance']);
      return c.json({ summary: await retention.churnReasonsSummary(deps) }, 200);
    });
}
