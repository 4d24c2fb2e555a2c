// Loads the session from its cookie for every /api request and keeps the cookie's expiry in step.

import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sessionCookieName } from '../../platform/auth/session.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validateSessionToken } from './service.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';

export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName(deps.config.isSecureCookie));
    c.set('auth', null);
    if (token) {
      const session = await validateSessionToken(deps, token);
      if (session) {
        const { user, sessionId, viewAs } = session;
        c.set(
          'auth',
          viewAs
            ? {
                // Viewing as a customer: a member of that account for every guard and query (read-only).
                user: { ...user, role: 'customer_member', accountId: viewAs.accountId },
                sessionId,
                viewAs: { staff: user, ...viewAs },
              }
            : { user, sessionId },
        );
        if (session.extendedTo) setSessionCookie(c, deps, token, session.extendedTo);
      } else {
        clearSessionCookie(c, deps);
      }
    }
    await next();
  };
}
