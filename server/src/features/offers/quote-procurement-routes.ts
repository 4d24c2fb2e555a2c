// HTTP for what procurement does with a quote (mounted on /quotes): the document's facts and hash, the PDF
// (any customer user of the account), the PO number and the online acceptance (admins). Guards run before the
// body is read; another account's quote is a 404.

import { ZPurchaseOrderUpdate, ZQuoteAcceptRequest } from '@portal/shared/schemas/quote-documents';
import { Hono } from 'hono';
import {
  allowCustomerAdmins,
  allowCustomers,
  requireCustomer,
  requireCustomerAdmin,
} from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import * as procurement from './quote-procurement.ts';

export function createQuoteProcurementRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/:id/procurement', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      return c.json(
        { procurement: await procurement.getQuoteProcurement(deps, user.accountId, c.req.param('id')) },
        200,
      );
    })
    .get('/:id/pdf', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      const pdf = await procurement.getQuotePdf(deps, user.accountId, c.req.param('id'));
      return c.body(pdf.bytes, 200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${pdf.filename}"`,
      });
    })
    .put('/:id/purchase-order', allowCustomerAdmins(), validate('json', ZPurchaseOrderUpdate), async (c) => {
      const admin = requireCustomerAdmin(c);
      const result = await procurement.setPurchaseOrder(deps, admin, c.req.param('id'), c.req.valid('json'));
      return c.json({ procurement: result }, 200);
    })
    .post('/:id/accept', allowCustomerAdmins(), validate('json', ZQuoteAcceptRequest), async (c) => {
      const admin = requireCustomerAdmin(c);
      const result = await procurement.acceptQuote(deps, admin, c.req.param('id'), c.req.valid('json'), {
        ip: c.get('clientIp') ?? null,
        userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
      });
      return c.json({ procurement: result }, 200);
    });
}
