// HTTP for finance, under /api/finance: the ledger and a payment's page, the reconciliation with its exceptions
// and payouts, CSV exports, the month-end summary, KPIs and the Stripe sync. Finance only: the router refuses
// everyone else before reading any input, and each handler asks for the role again.

import {
  ZExceptionQuery,
  ZKpiQuery,
  ZLedgerQuery,
  ZMonthEndQuery,
  ZReconClass,
  ZReconciliationQuery,
  ZResolveExceptionRequest,
} from '@portal/shared/schemas/finance';
import { Hono } from 'hono';
import { z } from 'zod';
import { allow, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { getException, listExceptions, reopenException, resolveException } from './exceptions/exceptions.ts';
import { getKpis } from './kpis/kpis.ts';
import { csvHeaders } from './ledger/csv-stream.ts';
import {
  exportLedgerCsv,
  exportMonthEndCsv,
  exportPayoutCsv,
  exportReconciliationCsv,
} from './ledger/exports.ts';
import { getPaymentDetail, listLedger } from './ledger/ledger.ts';
import { getMonthEndSummary } from './month-end/month-end.ts';
import { runReconciliation } from './reconciliation/reconcile-service.ts';
import { getPayoutDetail, getReconciliation, listPayouts } from './reconciliation/reconciliation.ts';
import { getSyncStatus, startFinanceSync } from './sync-jobs.ts';

const ZBom = z.object({ bom: z.enum(['0', '1']).optional() });
const ZReconciliationCsvQuery = ZBom.extend({ class: ZReconClass.optional() });
const ZMonthEndCsvQuery = ZMonthEndQuery.extend(ZBom.shape);
const ZId = z.object({ id: z.string().min(1).max(64) });

const isBom = (value: string | undefined) => value === '1';

export function createFinanceRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('*', async (c, next) => {
      requireRole(c, ['finance']);
      await next();
    })
    .get('/ledger', allow('finance'), validate('query', ZLedgerQuery), async (c) => {
      requireRole(c, ['finance']);
      return c.json({ ledger: await listLedger(deps, c.req.valid('query')) }, 200);
    })
    .get('/ledger.csv', allow('finance'), validate('query', ZLedgerQuery), async (c) => {
      requireRole(c, ['finance']);
      const csv = exportLedgerCsv(deps, c.req.valid('query'), isBom(c.req.query('bom')));
      return c.body(csv.stream, 200, csvHeaders(csv.filename));
    })
    .get('/payments/:id', allow('finance'), validate('param', ZId), async (c) => {
      requireRole(c, ['finance']);
      return c.json({ payment: await getPaymentDetail(deps, c.req.valid('param').id) }, 200);
    })
    .get('/reconciliation', allow('finance'), validate('query', ZReconciliationQuery), async (c) => {
      requireRole(c, ['finance']);
      return c.json({ reconciliation: await getReconciliation(deps, c.req.valid('query')) }, 200);
    })
    .get('/reconciliation.csv', allow('finance'), validate('query', ZReconciliationCsvQuery), async (c) => {
      requireRole(c, ['finance']);
      const query = c.req.valid('query');
      const csv = await exportReconciliationCsv(deps, { class: query.class, bom: isBom(query.bom) });
      return c.body(csv.stream, 200, csvHeaders(csv.filename));
    })
    .post('/reconciliation/run', allow('finance'), async (c) => {
      requireRole(c, ['finance']);
      const outcome = await runReconciliation(deps);
      if (outcome.status === 'skipped')
        throw new AppError('conflict', 'A reconciliation is already running.');
      return c.json(
        { run: { id: outcome.runId, counts: outcome.counts, fingerprint: outcome.fingerprint } },
        200,
      );
    })
    .get('/exceptions', allow('finance'), validate('query', ZExceptionQuery), async (c) => {
      requireRole(c, ['finance']);
      return c.json(await listExceptions(deps, c.req.valid('query')), 200);
    })
    .get('/exceptions/:id', allow('finance'), validate('param', ZId), async (c) => {
      requireRole(c, ['finance']);
      return c.json({ exception: await getException(deps, c.req.valid('param').id) }, 200);
    })
    .post(
      '/exceptions/:id/resolve',
      allow('finance'),
      validate('param', ZId),
      validate('json', ZResolveExceptionRequest),
      async (c) => {
        const user = requireRole(c, ['finance']);
        const { note } = c.req.valid('json');
        return c.json({ exception: await resolveException(deps, user, c.req.valid('param').id, note) }, 200);
      },
    )
    .post('/exceptions/:id/reopen', allow('finance'), validate('param', ZId), async (c) => {
      const user = requireRole(c, ['finance']);
      return c.json({ exception: await reopenException(deps, user, c.req.valid('param').id) }, 200);
    })
    .get('/payouts', allow('finance'), async (c) => {
      requireRole(c, ['finance']);
      return c.json({ payouts: await listPayouts(deps) }, 200);
    })
    .get('/payouts/:id', allow('finance'), validate('param', ZId), async (c) => {
      requireRole(c, ['finance']);
      return c.json(await getPayoutDetail(deps, c.req.valid('param').id), 200);
    })
    .get(
      '/payouts/:id/breakdown.csv',
      allow('finance'),
      validate('param', ZId),
      validate('query', ZBom),
      async (c) => {
        requireRole(c, ['finance']);
        const csv = await exportPayoutCsv(deps, c.req.valid('param').id, isBom(c.req.valid('query').bom));
        return c.body(csv.stream, 200, csvHeaders(csv.filename));
      },
    )
    .get('/month-end', allow('finance'), validate('query', ZMonthEndQuery), async (c) => {
      requireRole(c, ['finance']);
      return c.json({ summary: await getMonthEndSummary(deps, c.req.valid('query')) }, 200);
    })
    .get('/month-end.csv', allow('finance'), validate('query', ZMonthEndCsvQuery), async (c) => {
      requireRole(c, ['finance']);
      const query = c.req.valid('query');
      const csv = await exportMonthEndCsv(deps, { month: query.month }, isBom(query.bom));
      return c.body(csv.stream, 200, csvHeaders(csv.filename));
    })
    .get('/kpis', allow('finance'), validate('query', ZKpiQuery), async (c) => {
      requireRole(c, ['finance']);
      return c.json({ kpis: await getKpis(deps, c.req.valid('query')) }, 200);
    })
    .get('/sync', allow('finance'), async (c) => {
      requireRole(c, ['finance']);
      return c.json({ sync: await getSyncStatus(deps) }, 200);
    })
    .post('/sync', allow('finance'), async (c) => {
      requireRole(c, ['finance']);
      if (!(await startFinanceSync(deps))) throw new AppError('conflict', 'A sync is already running.');
      return c.json({ sync: await getSyncStatus(deps) }, 202);
    });
}
