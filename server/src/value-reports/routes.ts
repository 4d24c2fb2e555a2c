// HTTP for the customer's value report: GET /api/subscriptions/:id/value-report[?term=previous]. Mounted on
// /subscriptions beside the subscriptions router; scoped to the signed-in user's account (404 otherwise).

import { ZValueReportQuery } from '@portal/shared/schemas/value-reports';
import { Hono } from 'hono';
import { allowCustomers, requireCustomer } from '../auth/guards.ts';
import type { AppDeps, AppEnv } from '../http/context.ts';
import { validate } from '../http/validate.ts';
import { getValueReport } from './report.ts';

export function createValueReportRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get(
    '/:id/value-report',
    allowCustomers(),
    validate('query', ZValueReportQuery),
    async (c) => {
      const user = requireCustomer(c);
      const { term } = c.req.valid('query');
      const report = await getValueReport(deps, user.accountId, c.req.param('id'), term);
      return c.json({ report }, 200);
    },
  );
}
