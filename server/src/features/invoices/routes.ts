// HTTP for the account's invoices: the list, one invoice with its credit notes, and its PDF. Customers of the
// account only; another account's invoice is a 404.

import { Hono } from 'hono';
import { allowCustomers, requireCustomer } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import * as invoices from './service.ts';

export function createInvoiceRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      return c.json({ invoices: await invoices.listInvoices(deps, user.accountId) }, 200);
    })
    .get('/:id', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      return c.json({ invoice: await invoices.getInvoice(deps, user.accountId, c.req.param('id')) }, 200);
    })
    .get('/:id/pdf', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      const pdf = await invoices.getInvoicePdf(deps, user.accountId, c.req.param('id'));
      return c.body(pdf.bytes, 200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${pdf.filename}"`,
      });
    });
}
