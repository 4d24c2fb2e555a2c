// Guards that routes call first: they return the signed-in user narrowed to what the route needs, or throw
// (401 not signed in, 403 wrong role). Roles are enforced here, on the server, never by hiding buttons.

import type { Context } from 'hono';
import type { AppEnv, AuthState, SessionUser } from '../http/context.ts';
import { AppError } from '../http/errors.ts';

export function requireAuth(c: Context<AppEnv>): AuthState {
  const auth = c.get('auth');
  if (!auth) throw new AppError('unauthenticated', 'Sign in to continue.');
  return auth;
}

export function requireRole<R extends SessionUser['role']>(
  c: Context<AppEnv>,
  roles: readonly R[],
): SessionUser & { role: R } {
  const { user } = requireAuth(c);
  if (!(roles as readonly string[]).includes(user.role)) {
    throw new AppError('forbidden', 'Your role does not allow this.');
  }
  return user as SessionUser & { role: R };
}

export type CustomerUser = SessionUser & { accountId: string; role: 'customer_admin' | 'customer_member' };

/** Any customer user (admin or member), with the account every query must be scoped to. */
export function requireCustomer(c: Context<AppEnv>): CustomerUser {
  const user = requireRole(c, ['customer_admin', 'customer_member']);
  if (!user.accountId) throw new AppError('forbidden', 'Your role does not allow this.');
  return user as CustomerUser;
}

export function requireCustomerAdmin(c: Context<AppEnv>): CustomerUser & { role: 'customer_admin' } {
  const user = requireCustomer(c);
  if (user.role !== 'customer_admin')
    throw new AppError('forbidden', 'Only an admin of your account can do this.');
  return user as CustomerUser & { role: 'customer_admin' };
}
