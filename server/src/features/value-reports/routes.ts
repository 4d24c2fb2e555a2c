// HTTP for the customer's value report: GET /api/subscriptions/:id/value-report[?term=previous] and its PDF.
// Mounted on /subscriptions beside the subscriptions router; scoped to the signed-in user's account (404
// otherwise).

import { ZValueReportPdfQuery, ZValueReportQuery } from '@portal/shared/schemas/value-reports';
import { Hono } from 'hono';
import { allowCustomers, requireCustomer } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { getValueReportPdf } from './pdf.ts';
import { getValueReport } from './report.ts';

export function createValueReportRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/:id/value-report', allowCustomers(), validate('query', ZValueReportQuery), async (c) => {
      const user = requireCustomer(c);
      const { term } = c.req.valid('query');
      const report = await getValueReport(deps, user.accountId, c.req.param('id'), term);
      return c.json({ report }, 200);
    })
    .get('/:id/value-report/pdf', allowCustomers(), validate('query', ZValueReportPdfQuery), async (c) => {
      const user = requireCustomer(c);
      const { term, lang } = c.req.valid('query');
      const pdf = await getValueReportPdf(deps, user.accountId, c.req.param('id'), term, lang ?? user.locale);
      return c.body(pdf.bytes, 200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${pdf.filename}"`,
      });
    });
}
