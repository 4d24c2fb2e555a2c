// API keys for the vendor's systems (issue 13 item 1; moved here from value-reports). Ops create and revoke
// them; a key is shown once, only its SHA-256 is stored (the same scheme as session tokens), and its last use
// is recorded (at most once a minute, so that a busy pipeline does not turn every request into a write). A key
// is vendor-wide, not scoped to an account (the vendor's systems act for all its customers), and carries
// scopes: `usage:write`, `accounts:write`, `accounts:read`, `events:read`. Keys made before scopes existed
// hold `usage:write` (migration 0016). Routes for the vendor's systems declare `apiKeyGuard(deps, scope)`.

import {
  API_KEY_SCOPES,
  type TApiKey,
  type TApiKeyScope,
  type TCreateApiKeyRequest,
  type TCreatedApiKey,
  ZCreateApiKeyRequest,
} from '@portal/shared/schemas/api-keys';
import type { Context, MiddlewareHandler } from 'hono';
import { recordAudit } from '../../platform/audit/service.ts';
import { guard } from '../../platform/auth/guards.ts';
import { generateToken, hashToken } from '../../platform/auth/session.ts';
import { newId } from '../../platform/db/ids.ts';
import type { AppDeps, AppEnv, SessionUser } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { createRateLimiter, type RateLimiter } from '../../platform/http/rate-limit.ts';
import * as repo from './repo.ts';

export const API_KEY_PREFIX = 'rpk_';
const TOUCH_INTERVAL_MS = 60_000;
export const RATE_LIMIT_WINDOW_MS = 60_000;

type ApiKeyRow = Awaited<ReturnType<typeof repo.listApiKeys>>[number];

/** The key a request was authenticated with: who the vendor's system is, for audit and for scope checks. */
export type ApiKeyPrincipal = { id: string; name: string; prefix: string; scopes: TApiKeyScope[] };

function parseScopes(json: string): TApiKeyScope[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? API_KEY_SCOPES.filter((s) => value.includes(s)) : [];
  } catch {
    return [];
  }
}

function toApiKey(row: ApiKeyRow): TApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: parseScopes(row.scopes),
    createdAt: row.created_at,
    createdBy: row.created_by_label,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function listApiKeys(deps: AppDeps): Promise<TApiKey[]> {
  return (await repo.listApiKeys(deps.db)).map(toApiKey);
}

/** Creates a key with its scopes and returns its secret, which is never shown again. Audited. */
export async function createApiKey(
  deps: AppDeps,
  actor: SessionUser,
  request: TCreateApiKeyRequest,
): Promise<TCreatedApiKey> {
  const input = ZCreateApiKeyRequest.parse(request);
  const now = deps.clock.now();
  const secret = `${API_KEY_PREFIX}${generateToken()}`;
  const row: ApiKeyRow = {
    id: newId('key'),
    name: input.name,
    key_hash: hashToken(secret),
    prefix: secret.slice(0, API_KEY_PREFIX.length + 6),
    scopes: JSON.stringify(input.scopes),
    created_at: now.toISOString(),
    created_by_user_id: actor.id,
    created_by_label: actor.email,
    last_used_at: null,
    revoked_at: null,
    revoked_by_label: null,
  };
  await deps.db.transaction().execute(async (tx) => {
    await repo.insertApiKey(tx, row);
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: null,
      entityType: 'api_key',
      entityId: row.id,
      action: 'api_key.created',
      after: { name: row.name, prefix: row.prefix, scopes: input.scopes },
      at: now,
    });
  });
  return { apiKey: toApiKey(row), secret };
}

/** Revokes a key at once: the next request with it is a 401. Revoking a revoked key changes nothing. */
export async function revokeApiKey(deps: AppDeps, actor: SessionUser, id: string): Promise<TApiKey> {
  const now = deps.clock.now();
  const existing = await repo.findApiKey(deps.db, id);
  if (!existing) throw notFound('API key not found');
  if (existing.revoked_at) return toApiKey(existing);
  await deps.db.transaction().execute(async (tx) => {
    await repo.revokeApiKey(tx, id, now.toISOString(), actor.email);
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: null,
      entityType: 'api_key',
      entityId: id,
      action: 'api_key.revoked',
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString() },
      at: now,
    });
  });
  return toApiKey({ ...existing, revoked_at: now.toISOString(), revoked_by_label: actor.email });
}

const CHALLENGE = { headers: { 'WWW-Authenticate': 'Bearer realm="api"' } };

/** The key behind an `Authorization: Bearer …` header, or a 401 (missing, malformed, unknown or revoked). */
export async function authenticateApiKey(
  deps: AppDeps,
  authorization: string | undefined,
): Promise<ApiKeyPrincipal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const secret = match?.[1];
  if (!secret?.startsWith(API_KEY_PREFIX)) {
    throw new AppError(
      'unauthenticated',
      'Send a valid API key as "Authorization: Bearer <key>".',
      CHALLENGE,
    );
  }
  const key = await repo.findActiveApiKeyByHash(deps.db, hashToken(secret));
  if (!key)
    throw new AppError('unauthenticated', 'This API key is not valid or has been revoked.', CHALLENGE);
  const now = deps.clock.now();
  if (!key.last_used_at || now.getTime() - Date.parse(key.last_used_at) >= TOUCH_INTERVAL_MS) {
    await repo.touchApiKey(deps.db, key.id, now.toISOString());
  }
  return { id: key.id, name: key.name, prefix: key.prefix, scopes: parseScopes(key.scopes) };
}

// One limiter per app (deps), shared by every `/api/v1` route: the limit is per key, whatever the route.
const limiters = new WeakMap<AppDeps, RateLimiter>();
function limiterOf(deps: AppDeps): RateLimiter {
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = createRateLimiter({
      db: deps.db,
      limit: deps.config.usageRequestsPerMinute,
      windowMs: RATE_LIMIT_WINDOW_MS,
    });
    limiters.set(deps, limiter);
  }
  return limiter;
}

const principals = new WeakMap<Request, ApiKeyPrincipal>();

/**
 * Route guard for the vendor's systems: a valid, unrevoked API key holding `scope` (401 without a valid key,
 * 403 naming the missing scope), then the request rate per key (429 with Retry-After; bad keys count per
 * address). Declared with `guard({ kind: 'api-key' }, …)`, so the route-table test sees it.
 */
export function apiKeyGuard(deps: AppDeps, scope: TApiKeyScope): MiddlewareHandler<AppEnv> {
  const limiter = limiterOf(deps);
  return guard({ kind: 'api-key' }, async (c) => {
    let key: ApiKeyPrincipal;
    try {
      key = await authenticateApiKey(deps, c.req.header('authorization'));
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated')
        await limiter.hit(`ip:${c.get('clientIp')}`);
      throw error;
    }
    await limiter.hit(`key:${key.id}`);
    if (!key.scopes.includes(scope)) {
      throw new AppError(
        'forbidden',
        `This API key lacks the "${scope}" scope (it has: ${key.scopes.join(', ') || 'none'}). Ask ops for a key with "${scope}".`,
      );
    }
    principals.set(c.req.raw, key);
  });
}

/** The key that passed `apiKeyGuard` on this request (a route without the guard: a 401). */
export function requireApiKey(c: Context<AppEnv>): ApiKeyPrincipal {
  const key = principals.get(c.req.raw);
  if (!key) throw new AppError('unauthenticated', 'Send a valid API key as "Authorization: Bearer <key>".');
  return key;
}
