// HTTP for sign-in, sign-out, magic links, invitations and the current user. Parsing and cookies only;
// the rules live in service.ts.

import { ZMagicLinkRequest, ZSignInRequest, ZTokenRequest, ZUpdateLocale } from '@portal/shared/schemas/auth';
import { Hono } from 'hono';
import { allowSignedIn, requireAuth } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { validate } from '../../platform/http/validate.ts';
import * as auth from './service.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';

export function createAuthRoutes(deps: AppDeps) {
  const client = (c: {
    get(key: 'clientIp'): string;
    req: { header(name: string): string | undefined };
  }) => ({
    ip: c.get('clientIp'),
    userAgent: c.req.header('user-agent') ?? null,
  });

  return new Hono<AppEnv>()
    .post('/auth/sign-in', validate('json', ZSignInRequest), async (c) => {
      const session = await auth.signIn(deps, { ...c.req.valid('json'), ...client(c) });
      setSessionCookie(c, deps, session.token, session.expiresAt);
      return c.json({ user: session.user }, 200);
    })
    .post('/auth/sign-out', async (c) => {
      const state = c.get('auth');
      if (state) await auth.signOut(deps, state.sessionId);
      clearSessionCookie(c, deps);
      return c.body(null, 204);
    })
    .post('/auth/magic-link', validate('json', ZMagicLinkRequest), async (c) => {
      await auth.requestMagicLink(deps, { email: c.req.valid('json').email, ip: c.get('clientIp') });
      return c.json({ status: 'sent_if_known' as const }, 202);
    })
    .post('/auth/magic-link/verify', validate('json', ZTokenRequest), async (c) => {
      const session = await auth.signInWithMagicLink(deps, {
        token: c.req.valid('json').token,
        ...client(c),
      });
      setSessionCookie(c, deps, session.token, session.expiresAt);
      return c.json({ user: session.user }, 200);
    })
    .put('/me/locale', allowSignedIn(), validate('json', ZUpdateLocale), async (c) => {
      const { user } = requireAuth(c);
      await auth.setLocale(deps, user.id, c.req.valid('json').locale);
      return c.body(null, 204);
    });
}
