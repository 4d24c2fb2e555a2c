// HTTP for the demo clock (ops; moving it needs the Stripe emulator).

import { ZDemoClockUpdate } from '@portal/shared/schemas/clock';
import { Hono } from 'hono';
import { allow, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { getDemoClock, setDemoClock } from './service.ts';

export function createClockRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ clock: getDemoClock(deps) }, 200);
    })
    .put('/', allow('ops'), validate('json', ZDemoClockUpdate), async (c) => {
      const user = requireRole(c, ['ops']);
      return c.json({ clock: await setDemoClock(deps, user, c.req.valid('json')) }, 200);
    });
}
