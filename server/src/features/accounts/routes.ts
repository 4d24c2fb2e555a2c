// HTTP for the account's users. Members may list; only admins change anything.

import { ZChangeRoleRequest, ZInviteRequest } from '@portal/shared/schemas/accounts';
import { Hono } from 'hono';
import {
  allowCustomerAdmins,
  allowCustomers,
  requireCustomer,
  requireCustomerAdmin,
} from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import * as accounts from './service.ts';

export function createAccountRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/users', allowCustomers(), async (c) => {
      const user = requireCustomer(c);
      return c.json({ users: await accounts.listUsers(deps, user.accountId) }, 200);
    })
    .post('/users', allowCustomerAdmins(), validate('json', ZInviteRequest), async (c) => {
      const admin = requireCustomerAdmin(c);
      return c.json({ user: await accounts.inviteUser(deps, admin, c.req.valid('json')) }, 201);
    })
    .put('/users/:userId/role', allowCustomerAdmins(), validate('json', ZChangeRoleRequest), async (c) => {
      const admin = requireCustomerAdmin(c);
      const user = await accounts.changeRole(deps, admin, c.req.param('userId'), c.req.valid('json').role);
      return c.json({ user }, 200);
    })
    .delete('/users/:userId', allowCustomerAdmins(), async (c) => {
      const admin = requireCustomerAdmin(c);
      await accounts.removeUser(deps, admin, c.req.param('userId'));
      return c.body(null, 204);
    });
}
