// Scoped API keys (issue 13 item 1): ops choose scopes, a key without a scope is refused with 403 naming it,
// keys made before scopes existed hold `usage:write`, and the request rate is counted per key.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyAsOps } from '../../testing/api-keys.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { pushUsage } from '../../testing/value-reports.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.dispose();
});

describe('scoped API keys', () => {
  it('creates a key with the scopes ops chose and lists them; the default is usage:write', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const chosen = await ops.post('/api/ops/api-keys', {
      name: 'CRM sync',
      scopes: ['accounts:read', 'accounts:write', 'accounts:read'],
    });
    expect(chosen.status).toBe(201);
    const body = (await chosen.json()) as { apiKey: { id: string; scopes: string[] } };
    expect(body.apiKey.scopes).toEqual(['accounts:write', 'accounts:read']);
    const plain = await createApiKeyAsOps(ctx, { name: 'Telemetry' });
    const list = (await (await ops.get('/api/ops/api-keys')).json()) as {
      apiKeys: { id: string; scopes: string[] }[];
    };
    expect(list.apiKeys.find((k) => k.id === body.apiKey.id)?.scopes).toEqual([
      'accounts:write',
      'accounts:read',
    ]);
    expect(list.apiKeys.find((k) => k.id === plain.id)?.scopes).toEqual(['usage:write']);
  });

  it('refuses an empty or unknown scope list', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    expect((await ops.post('/api/ops/api-keys', { name: 'x', scopes: [] })).status).toBe(400);
    expect((await ops.post('/api/ops/api-keys', { name: 'x', scopes: ['admin'] })).status).toBe(400);
  });

  it('answers 403 naming the scope when the key lacks it, and accepts it once it has it', async () => {
    const accountsOnly = await createApiKeyAsOps(ctx, { scopes: ['accounts:write'] });
    const refused = await pushUsage(ctx, accountsOnly.secret, { records: [] });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toContain('usage:write');
    const usage = await createApiKeyAsOps(ctx, { scopes: ['usage:write'] });
    expect((await pushUsage(ctx, usage.secret, { records: [] })).status).not.toBe(403);
  });

  it('gives keys made before scopes existed usage:write (the column default of migration 0016)', async () => {
    await ctx.db
      .insertInto('api_keys')
      .values({
        id: 'key_legacy',
        name: 'Legacy',
        key_hash: 'f'.repeat(64),
        prefix: 'rpk_legacy',
        created_at: '2026-01-01T00:00:00.000Z',
        created_by_user_id: null,
        created_by_label: null,
        last_used_at: null,
        revoked_at: null,
        revoked_by_label: null,
      })
      .execute();
    const row = await ctx.db
      .selectFrom('api_keys')
      .select(sql<string>`scopes`.as('scopes'))
      .where('id', '=', 'key_legacy')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.scopes)).toEqual(['usage:write']);
  });
});
