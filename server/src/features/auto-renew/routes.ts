// HTTP for auto-renew: the subscription's auto-renew page and switch (customers; admins to change), a
// consumer's two-step "Cancel contract" (what it would mean; then, admins, doing it), saving a
// card (setup-mode Checkout), the one-click opt-out link (no sign-in: the signed token is the authority), the
// account's reminder setting, letting a renewal lapse (and undoing it), and for ops the renewal runs, "run now", what needs attention and the notice
// policies.

import {
  ZAutoRenewUpdate,
  ZCardSetupConfirm,
  ZCardSetupRequest,
  ZNoticePolicies,
  ZOptOutQuery,
  ZOptOutRequest,
  ZRemindersUpdate,
} from '@portal/shared/schemas/auto-renew';
import { ZCancelContract } from '@portal/shared/schemas/cancellation';
import { ZLapseRequest } from '@portal/shared/schemas/lapse';
import { type Context, Hono } from 'hono';
import {
  allow,
  allowCustomerAdmins,
  allowCustomers,
  requireCustomer,
  requireCustomerAdmin,
  requireRole,
} from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { cancelContract, getCancellationOffer } from './cancel-contract.ts';
import { confirmCardSetup, startCardSetup } from './card-setup.ts';
import { getLapseState, letRenewalLapse, undoLapse } from './lapse.ts';
import { listRenewalRuns, listRenewalsNeedingAttention, runNow } from './ops.ts';
import { loadNoticePolicies, saveNoticePolicies } from './policies.ts';
import * as autoRenew from './service.ts';

function requestMeta(c: Context<AppEnv>): autoRenew.RequestMeta {
  return { ip: c.get('clientIp') ?? null, userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null };
}

/** Mounted at /subscriptions (the auto-renew switch keeps its path). */
export function createAutoRenewSubscriptionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/:id/auto-renew', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      return c.json({ autoRenew: await autoRenew.getAutoRenewState(deps, user, c.req.param('id')) }, 200);
    })
    .put('/:id/auto-renew', allowCustomerAdmins(), validate('json', ZAutoRenewUpdate), async (c) => {
      const admin = requireCustomerAdmin(c);
      const result = await autoRenew.setAutoRenew(
        deps,
        admin,
        c.req.param('id'),
        c.req.valid('json'),
        requestMeta(c),
      );
      return c.json(result, 200);
    })
    .get('/:id/cancellation', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      return c.json({ cancellation: await getCancellationOffer(deps, user, c.req.param('id')) }, 200);
    })
    .post('/:id/cancellation', allowCustomerAdmins(), validate('json', ZCancelContract), async (c) => {
      const admin = requireCustomerAdmin(c);
      const cancellation = await cancelContract(
        deps,
        admin,
        c.req.param('id'),
        c.req.valid('json'),
        requestMeta(c),
      );
      return c.json({ cancellation }, 200);
    })
    .get('/:id/lapse', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      return c.json({ lapse: await getLapseState(deps, user, c.req.param('id')) }, 200);
    })
    .post('/:id/lapse', allowCustomerAdmins(), validate('json', ZLapseRequest), async (c) => {
      const admin = requireCustomerAdmin(c);
      const lapse = await letRenewalLapse(
        deps,
        admin,
        c.req.param('id'),
        c.req.valid('json'),
        requestMeta(c),
      );
      return c.json({ lapse }, 200);
    })
    .delete('/:id/lapse', allowCustomerAdmins(), async (c) => {
      const admin = requireCustomerAdmin(c);
      return c.json({ lapse: await undoLapse(deps, admin, c.req.param('id')) }, 200);
    });
}

/** Mounted at /auto-renew. */
export function createAutoRenewRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/card-setup', allowCustomerAdmins(), validate('json', ZCardSetupRequest), async (c) => {
      const admin = requireCustomerAdmin(c);
      return c.json(await startCardSetup(deps, admin, c.req.valid('json').subscriptionId), 201);
    })
    .post('/card-setup/confirm', allowCustomerAdmins(), validate('json', ZCardSetupConfirm), async (c) => {
      const admin = requireCustomerAdmin(c);
      return c.json(await confirmCardSetup(deps, admin, c.req.valid('json').sessionId), 200);
    })
    .get('/opt-out', validate('query', ZOptOutQuery), async (c) => {
      return c.json({ optOut: await autoRenew.getOptOut(deps, c.req.valid('query').token) }, 200);
    })
    .post('/opt-out', validate('json', ZOptOutRequest), async (c) => {
      const optOut = await autoRenew.optOutByLink(deps, c.req.valid('json').token, requestMeta(c));
      return c.json({ optOut }, 200);
    })
    .put('/reminders', allowCustomerAdmins(), validate('json', ZRemindersUpdate), async (c) => {
      const admin = requireCustomerAdmin(c);
      return c.json(
        { muted: await autoRenew.setRemindersMuted(deps, admin, c.req.valid('json').muted) },
        200,
      );
    });
}

/** Mounted at /ops/renewals. */
export function createRenewalOpsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/runs', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json(await listRenewalRuns(deps), 200);
    })
    .post('/runs', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json(await runNow(deps), 202);
    })
    .get('/attention', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ renewals: await listRenewalsNeedingAttention(deps) }, 200);
    })
    .get('/notice-policies', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ policies: await loadNoticePolicies(deps.db) }, 200);
    })
    .put('/notice-policies', allow('ops'), validate('json', ZNoticePolicies), async (c) => {
      const user = requireRole(c, ['ops']);
      return c.json({ policies: await saveNoticePolicies(deps, user, c.req.valid('json')) }, 200);
    });
}
