// HTTP for ops: the vendor's billing settings (the seller on invoices, tax rates per buyer country).

import { ZBillingSettings } from '@portal/shared/schemas/invoices';
import { Hono } from 'hono';
import { allow, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { getBillingSettings, updateBillingSettings } from './billing-settings.ts';

export function createBillingSettingsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ settings: await getBillingSettings(deps.db) }, 200);
    })
    .put('/', allow('ops'), validate('json', ZBillingSettings), async (c) => {
      const user = requireRole(c, ['ops']);
      return c.json({ settings: await updateBillingSettings(deps, user, c.req.valid('json')) }, 200);
    });
}
