// HTTP for the ops workspace (decision 021), under /api/ops. Ops only, except ending "view as customer",
// which the viewing session (a read-only customer member while it lasts) must be able to call.

import {
  ZAccountSearchQuery,
  ZApplyAccountRecord,
  ZApplySubscriptionRecord,
  ZAuditLogQuery,
  ZCancelByOps,
  ZInviteContact,
  ZStartViewAs,
  ZTimelineQuery,
} from '@portal/shared/schemas/ops-workspace';
import { Hono } from 'hono';
import { allow, allowSignedIn, requireAuth, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import {
  applyRecords,
  cancelContract,
  exportAuditLogCsv,
  getAccountTimeline,
  getAuditLog,
  getOpsAccount,
  getOpsSummary,
  inviteContact,
  searchAccounts,
} from './service.ts';
import { endViewAs, startViewAs } from './view-as.ts';

export function createOpsWorkspaceRoutes(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      .get('/workspace', allow('ops'), async (c) => {
        requireRole(c, ['ops']);
        return c.json({ summary: await getOpsSummary(deps) }, 200);
      })
      .get('/accounts', allow('ops'), validate('query', ZAccountSearchQuery), async (c) => {
        requireRole(c, ['ops']);
        return c.json({ page: await searchAccounts(deps, c.req.valid('query')) }, 200);
      })
      .get('/accounts/:id', allow('ops'), async (c) => {
        requireRole(c, ['ops']);
        return c.json(await getOpsAccount(deps, c.req.param('id')), 200);
      })
      .get('/accounts/:id/timeline', allow('ops'), validate('query', ZTimelineQuery), async (c) => {
        requireRole(c, ['ops']);
        return c.json({ page: await getAccountTimeline(deps, c.req.param('id'), c.req.valid('query')) }, 200);
      })
      .post('/accounts/:id/invitations', allow('ops'), validate('json', ZInviteContact), async (c) => {
        const staff = requireRole(c, ['ops']);
        return c.json(
          { user: await inviteContact(deps, staff, c.req.param('id'), c.req.valid('json')) },
          201,
        );
      })
      .post(
        '/accounts/:id/subscriptions/:subscriptionId/cancel',
        allow('ops'),
        validate('json', ZCancelByOps),
        async (c) => {
          const staff = requireRole(c, ['ops']);
          await cancelContract(deps, staff, c.req.param('id'), c.req.param('subscriptionId'), {
            reason: c.req.valid('json').reason,
            meta: { ip: c.get('clientIp'), userAgent: c.req.header('user-agent') ?? null },
          });
          return c.json({ ok: true }, 200);
        },
      )
      .post('/records/account', allow('ops'), validate('json', ZApplyAccountRecord), async (c) => {
        const staff = requireRole(c, ['ops']);
        const { record, reason, accountId } = c.req.valid('json');
        const target = accountId ? { accountId } : undefined;
        return c.json(
          { results: await applyRecords(deps, staff, { accounts: [record] }, reason, target) },
          200,
        );
      })
      .post('/records/subscription', allow('ops'), validate('json', ZApplySubscriptionRecord), async (c) => {
        const staff = requireRole(c, ['ops']);
        const { record, reason, subscriptionId } = c.req.valid('json');
        const target = subscriptionId ? { subscriptionId } : undefined;
        return c.json(
          { results: await applyRecords(deps, staff, { subscriptions: [record] }, reason, target) },
          200,
        );
      })
      .post('/accounts/:id/view-as', allow('ops'), validate('json', ZStartViewAs), async (c) => {
        const staff = requireRole(c, ['ops']);
        const { sessionId } = requireAuth(c);
        const viewAs = await startViewAs(
          deps,
          staff,
          sessionId,
          c.req.param('id'),
          c.req.valid('json').reason,
        );
        return c.json({ viewAs }, 200);
      })
      // The viewing session is a customer member while it lasts: any signed-in caller, 409 unless viewing as.
      .post('/view-as/end', allowSignedIn(), async (c) => {
        return c.json(await endViewAs(deps, requireAuth(c)), 200);
      })
      .get('/audit', allow('ops'), validate('query', ZAuditLogQuery), async (c) => {
        requireRole(c, ['ops']);
        return c.json({ page: await getAuditLog(deps, c.req.valid('query')) }, 200);
      })
      .get('/audit.csv', allow('ops'), validate('query', ZAuditLogQuery), async (c) => {
        requireRole(c, ['ops']);
        const { filename, csv } = await exportAuditLogCsv(deps, c.req.valid('query'));
        return c.body(csv, 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${filename}"`,
        });
      })
  );
}
