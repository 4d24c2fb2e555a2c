// Loads the session from its cookie for every /api request and keeps the cookie's expiry in step.

import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessionCookieName } from '../../platform/auth/session.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validateSessionToken } from './service.ts';

export function setSessionCookie(c: Context, deps: AppDeps, token: string, expiresAt: Date): void {
  setCookie(c, sessionCookieName(deps.config.isSecureCookie), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.config.isSecureCookie,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context, deps: AppDeps): void {
  deleteCookie(c, sessionCookieName(deps.config.isSecureCookie), {
    path: '/',
    secure: deps.config.isSecureCookie,
  });
}

export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName(deps.config.isSecureCookie));
    c.set('auth', null);
    if (token) {
      const session = await validateSessionToken(deps, token);
      if (session) {
        c.set('auth', { user: session.user, sessionId: session.sessionId });
        if (session.extendedTo) setSessionCookie(c, deps, token, session.extendedTo);
      } else {
        clearSessionCookie(c, deps);
      }
    }
    await next();
  };
}
