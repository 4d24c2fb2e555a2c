// Helpers for the value-report tests: an API key created the way ops do it, and usage pushed the way the
// vendor's systems do (no cookie, no Origin, a bearer key).

import { createApiKeyAsOps } from './api-keys.ts';
import type { TestContext } from './harness.ts';

/** A key as ops create it without choosing scopes: `usage:write`. */
export function createUsageKey(
  ctx: TestContext,
  name = 'Product telemetry',
): Promise<{ id: string; secret: string }> {
  return createApiKeyAsOps(ctx, { name });
}

export type UsageRow = { subscriptionId: string; metric: string; date: string; value: unknown };

export function pushUsage(ctx: TestContext, secret: string | null, body: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (secret !== null) headers.authorization = `Bearer ${secret}`;
  return ctx.client().request('/api/v1/usage', {
    method: 'POST',
    origin: null,
    headers,
    json: body,
  });
}

export async function usageRows(ctx: TestContext, subscriptionId: string) {
  return ctx.db
    .selectFrom('usage_daily')
    .select(['metric', 'date', 'value'])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('metric')
    .orderBy('date')
    .execute();
}
