// Guards: who may call a route, checked before anything reads its input. Each route declares its guard as the
// first middleware (`allow('ops')`, `allowCustomers()`, …), so an anonymous caller gets 401 and a wrong role
// 403 before the body or query is parsed; handlers then call the matching `require…` for the typed user.
// Every guard middleware is recorded with what it allows (`guardOf`), so the route table with its guards is
// read from the app itself (guards.test.ts walks `app.routes`). Roles are enforced here, on the server,
// never by hiding buttons.

import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, AuthState, SessionUser } from '../http/context.ts';
import { AppError } from '../http/errors.ts';

type Role = SessionUser['role'];

export type GuardSpec =
  | { kind: 'roles'; roles: readonly Role[] }
  | { kind: 'signed-in' }
  /** Authenticated by an API key in the Authorization header (no session). */
  | { kind: 'api-key' };

const declared = new WeakMap<object, GuardSpec>();

/** What a middleware allows, when it is a guard. */
export function guardOf(handler: unknown): GuardSpec | undefined {
  return typeof handler === 'function' ? declared.get(handler) : undefined;
}

export function guard(
  spec: GuardSpec,
  check: (c: Context<AppEnv>) => unknown | Promise<unknown>,
): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    await check(c);
    await next();
  };
  declared.set(middleware, spec);
  return middleware;
}

export function requireAuth(c: Context<AppEnv>): AuthState {
  const auth = c.get('auth');
  if (!auth) throw new AppError('unauthenticated', 'Sign in to continue.');
  return auth;
}

export function requireRole<R extends Role>(
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

/** Route guard: signed in with one of these staff roles. */
export const allow = (...roles: Role[]) => guard({ kind: 'roles', roles }, (c) => requireRole(c, roles));
/** Route guard: any customer user (admin or member). */
export const allowCustomers = () =>
  guard({ kind: 'roles', roles: ['customer_admin', 'customer_member'] }, requireCustomer);
/** Route guard: a customer admin. */
export const allowCustomerAdmins = () =>
  guard({ kind: 'roles', roles: ['customer_admin'] }, requireCustomerAdmin);
/** Route guard: anyone signed in. */
export const allowSignedIn = () => guard({ kind: 'signed-in' }, requireAuth);
