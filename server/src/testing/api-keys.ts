// Test helper: an API key created the way ops do it (POST /api/ops/api-keys), with the scopes asked for.

import type { TApiKeyScope } from '@portal/shared/schemas/api-keys';
import type { TestContext } from './harness.ts';

export async function createApiKeyAsOps(
  ctx: TestContext,
  options: { name?: string; scopes?: TApiKeyScope[] } = {},
): Promise<{ id: string; secret: string }> {
  const ops = await ctx.signedIn('ops@vendor.example');
  const response = await ops.post('/api/ops/api-keys', {
    name: options.name ?? 'Vendor system',
    ...(options.scopes ? { scopes: options.scopes } : {}),
  });
  if (response.status !== 201) throw new Error(`creating an API key failed: ${response.status}`);
  const body = (await response.json()) as { apiKey: { id: string }; secret: string };
  return { id: body.apiKey.id, secret: body.secret };
}
