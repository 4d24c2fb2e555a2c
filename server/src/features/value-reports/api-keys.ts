// API keys for usage ingestion. Ops create and revoke them; a key is shown once, only its SHA-256 is stored
// (the same scheme as session tokens), and its last use is recorded (at most once a minute, so that a busy
// pipeline does not turn every request into a write). A key is vendor-wide, not scoped to an account: the
// vendor's own product pushes usage for all its customers (docs/decisions/005-value-reports.md).

import type { TApiKey, TCreateApiKeyRequest, TCreatedApiKey } from '@portal/shared/schemas/value-reports';
import { recordAudit } from '../../platform/audit/service.ts';
import { generateToken, hashToken } from '../../platform/auth/session.ts';
import { newId } from '../../platform/db/ids.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import * as repo from './repo.ts';

export const API_KEY_PREFIX = 'rpk_';
const TOUCH_INTERVAL_MS = 60_000;

type ApiKeyRow = Awaited<ReturnType<typeof repo.listApiKeys>>[number];

function toApiKey(row: ApiKeyRow): TApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    createdBy: row.created_by_label,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function listApiKeys(deps: AppDeps): Promise<TApiKey[]> {
  return (await repo.listApiKeys(deps.db)).map(toApiKey);
}

/** Creates a key and returns its secret, which is never shown again. Audited. */
export async function createApiKey(
  deps: AppDeps,
  actor: SessionUser,
  input: TCreateApiKeyRequest,
): Promise<TCreatedApiKey> {
  const now = deps.clock.now();
  const secret = `${API_KEY_PREFIX}${generateToken()}`;
  const row: ApiKeyRow = {
    id: newId('key'),
    name: input.name,
    key_hash: hashToken(secret),
    prefix: secret.slice(0, API_KEY_PREFIX.length + 6),
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
      after: { name: row.name, prefix: row.prefix },
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

/** The key behind an `Authorization: Bearer …` header, or a 401 (missing, malformed, unknown or revoked). */
export async function authenticateApiKey(
  deps: AppDeps,
  authorization: string | undefined,
): Promise<{ keyId: string }> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const secret = match?.[1];
  const challenge = { headers: { 'WWW-Authenticate': 'Bearer realm="usage"' } };
  if (!secret?.startsWith(API_KEY_PREFIX)) {
    throw new AppError(
      'unauthenticated',
      'Send a valid API key as "Authorization: Bearer <key>".',
      challenge,
    );
  }
  const key = await repo.findActiveApiKeyByHash(deps.db, hashToken(secret));
  if (!key)
    throw new AppError('unauthenticated', 'This API key is not valid or has been revoked.', challenge);
  const now = deps.clock.now();
  if (!key.last_used_at || now.getTime() - Date.parse(key.last_used_at) >= TOUCH_INTERVAL_MS) {
    await repo.touchApiKey(deps.db, key.id, now.toISOString());
  }
  return { keyId: key.id };
}
