// The app's own table of API routes with the guard each declares (auth/guards.ts records every guard
// middleware), read from `app.routes`: the guard walk (auth/guards.test.ts) and the "view as customer"
// read-only walk (ops-workspace) use it.

import { type GuardSpec, guardOf } from '../platform/auth/guards.ts';
import { isValidator } from '../platform/http/validate.ts';

export type RouteEntry = { method: string; path: string; handler: unknown };
export type GuardedRoute = { method: string; path: string; guard: GuardSpec | null; guardFirst: boolean };

const inner = (handler: unknown) =>
  (handler as { __COMPOSED_HANDLER?: unknown } | undefined)?.__COMPOSED_HANDLER ?? handler;

function applies(entry: RouteEntry, method: string, path: string): boolean {
  if (entry.method !== method && entry.method !== 'ALL') return false;
  if (entry.path === path) return true;
  return entry.path.endsWith('/*') && path.startsWith(entry.path.slice(0, -1));
}

/** Every API route with the guard the code declares for it, from the app's own route table. */
export function routeTable(routes: readonly RouteEntry[]): GuardedRoute[] {
  const seen = new Set<string>();
  const table: GuardedRoute[] = [];
  for (const route of routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/api/')) continue;
    const id = `${route.method} ${route.path}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const chain = routes
      .filter((entry) => applies(entry, route.method, route.path))
      .map((e) => inner(e.handler));
    const guardAt = chain.findIndex((handler) => guardOf(handler));
    const validatorAt = chain.findIndex((handler) => isValidator(handler));
    table.push({
      method: route.method,
      path: route.path,
      guard: guardAt >= 0 ? (guardOf(chain[guardAt]) ?? null) : null,
      guardFirst: guardAt >= 0 && (validatorAt < 0 || guardAt < validatorAt),
    });
  }
  return table;
}

/** A path with each parameter replaced by a plausible id. */
export const concrete = (path: string) => path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, 'x_1');
