// The session cookie: set when a session starts or slides forward, cleared when it ends.

import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { sessionCookieName } from '../../platform/auth/session.ts';
import type { AppDeps } from '../../platform/http/context.ts';

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
