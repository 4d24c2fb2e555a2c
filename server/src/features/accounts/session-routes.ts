// HTTP for the signed-in person's membership of an account: accepting an invitation (which signs in) and
// `/me` (the user with their account). Paths under /auth and /me like sign-in's; the account is this feature's.

import { ZAcceptInvitationRequest } from '@portal/shared/schemas/accounts';
import { Hono } from 'hono';
import { allowSignedIn, requireAuth } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import { setSessionCookie } from '../auth/service.ts';
import { acceptInvitation } from './invitations.ts';
import { getAccountBrief } from './service.ts';

export function createAccountSessionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/auth/invitations/accept', validate('json', ZAcceptInvitationRequest), async (c) => {
      const session = await acceptInvitation(deps, {
        ...c.req.valid('json'),
        ip: c.get('clientIp'),
        userAgent: c.req.header('user-agent') ?? null,
        isSignedIn: c.get('auth') !== null,
      });
      setSessionCookie(c, deps, session.token, session.expiresAt);
      return c.json({ user: session.user }, 200);
    })
    .get('/me', allowSignedIn(), async (c) => {
      const auth = requireAuth(c);
      const { user } = auth;
      const account = user.accountId ? await getAccountBrief(deps, user.accountId) : null;
      // Ops viewing as a customer (decision 021): the web app shows a banner on every page.
      const viewAs = auth.viewAs
        ? { until: auth.viewAs.until, staffName: auth.viewAs.staff.name, accountId: auth.viewAs.accountId }
        : null;
      return c.json({ user, account, viewAs }, 200);
    });
}
