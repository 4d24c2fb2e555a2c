// Ops' webhook endpoints: create (the signing secret is shown once), edit, enable/disable, rotate the secret
// with an overlap (the old secret keeps signing beside the new one for ROTATION_OVERLAP_MS, so a receiver can
// switch without losing a delivery). Every change is audited.

import { randomBytes } from 'node:crypto';
import type { TEventType } from '@portal/shared/schemas/events';
import {
  type TWebhookEndpoint,
  type TWebhookEndpointInput,
  type TWebhookEndpointUpdate,
  type TWebhookSecretResponse,
  ZWebhookEndpointInput,
  ZWebhookEndpointUpdate,
} from '@portal/shared/schemas/webhooks';
import { type AuditActor, recordAudit } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import * as repo from './repo.ts';

export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;

/** `whsec_` + base64 of 32 random bytes: the form the standardwebhooks libraries take. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function endpointEventTypes(row: repo.EndpointRow): TEventType[] {
  return fromJson<TEventType[]>(row.event_types_json, []);
}

export function endpointWants(row: repo.EndpointRow, type: string): boolean {
  const types = endpointEventTypes(row);
  return types.length === 0 || (types as string[]).includes(type);
}

/** The secrets that sign now: the current one, and the rotated-out one during its overlap. */
export function signingSecrets(row: repo.EndpointRow, now: Date): string[] {
  const isOverlapping =
    row.previous_secret !== null &&
    row.previous_secret_expires_at !== null &&
    row.previous_secret_expires_at > now.toISOString();
  return isOverlapping && row.previous_secret ? [row.secret, row.previous_secret] : [row.secret];
}

function toEndpoint(row: repo.EndpointRow, counts: { failed: number; pending: number }): TWebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: endpointEventTypes(row),
    enabled: row.enabled === 1,
    disabledReason:
      row.disabled_reason === 'ops' || row.disabled_reason === 'failing' ? row.disabled_reason : null,
    secretHint: `${row.secret.slice(0, 10)}…`,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    failingSince: row.failing_since,
    createdAt: row.created_at,
    failedDeliveries: counts.failed,
    pendingDeliveries: counts.pending,
  };
}

const actorOf = (user: SessionUser): AuditActor => ({ userId: user.id, label: user.email });

/** What an audit row keeps of an endpoint: never the secret. */
function audited(row: repo.EndpointRow) {
  return {
    url: row.url,
    description: row.description,
    eventTypes: endpointEventTypes(row),
    enabled: row.enabled === 1,
  };
}

export async function listEndpoints(deps: AppDeps): Promise<TWebhookEndpoint[]> {
  const [rows, counts] = await Promise.all([
    repo.listEndpoints(deps.db),
    repo.countDeliveriesByEndpoint(deps.db),
  ]);
  const countOf = (id: string, state: string) =>
    Number(counts.find((c) => c.endpoint_id === id && c.state === state)?.count ?? 0);
  return rows.map((row) =>
    toEndpoint(row, { failed: countOf(row.id, 'failed'), pending: countOf(row.id, 'pending') }),
  );
}

export async function getEndpoint(deps: AppDeps, id: string): Promise<TWebhookEndpoint> {
  const endpoint = (await listEndpoints(deps)).find((e) => e.id === id);
  if (!endpoint) throw notFound('Webhook endpoint not found');
  return endpoint;
}

export async function findEndpointOrThrow(db: DbOrTx, id: string, options: { lock?: boolean } = {}) {
  const row = await repo.findEndpoint(db, id, options);
  if (!row) throw notFound('Webhook endpoint not found');
  return row;
}

export async function createEndpoint(
  deps: AppDeps,
  user: SessionUser,
  input: TWebhookEndpointInput,
): Promise<TWebhookSecretResponse> {
  const parsed = ZWebhookEndpointInput.parse(input);
  const now = deps.clock.now().toISOString();
  const secret = newSigningSecret();
  const id = newId('whe');
  const row: repo.EndpointRow = {
    id,
    url: parsed.url,
    description: parsed.description,
    event_types_json: toJson(parsed.eventTypes),
    enabled: 1,
    disabled_reason: null,
    secret,
    previous_secret: null,
    previous_secret_expires_at: null,
    failing_since: null,
    created_by_user_id: user.id,
    created_at: now,
    updated_at: now,
  };
  await deps.db.transaction().execute(async (tx) => {
    await repo.insertEndpoint(tx, row);
    await recordAudit(tx, {
      actor: actorOf(user),
      accountId: null,
      entityType: 'webhook_endpoint',
      entityId: id,
      action: 'webhook_endpoint.created',
      after: audited(row),
      at: deps.clock.now(),
    });
  });
  return { endpoint: await getEndpoint(deps, id), secret };
}

export async function updateEndpoint(
  deps: AppDeps,
  user: SessionUser,
  id: string,
  input: TWebhookEndpointUpdate,
): Promise<TWebhookEndpoint> {
  const parsed = ZWebhookEndpointUpdate.parse(input);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const before = await findEndpointOrThrow(tx, id, { lock: true });
    const changes: Partial<repo.EndpointRow> = { updated_at: now.toISOString() };
    if (parsed.url !== undefined) changes.url = parsed.url;
    if (parsed.description !== undefined) changes.description = parsed.description;
    if (parsed.eventTypes !== undefined) changes.event_types_json = toJson(parsed.eventTypes);
    if (parsed.enabled !== undefined && parsed.enabled !== (before.enabled === 1)) {
      changes.enabled = parsed.enabled ? 1 : 0;
      changes.disabled_reason = parsed.enabled ? null : 'ops';
      // Enabled again: a fresh start (the failures before it are not held against the endpoint).
      if (parsed.enabled) changes.failing_since = null;
    }
    await repo.updateEndpoint(tx, id, changes);
    await recordAudit(tx, {
      actor: actorOf(user),
      accountId: null,
      entityType: 'webhook_endpoint',
      entityId: id,
      action: 'webhook_endpoint.updated',
      before: audited(before),
      after: audited({ ...before, ...changes }),
      at: now,
    });
  });
  return getEndpoint(deps, id);
}

/** A new secret, shown once; the old one keeps signing beside it for ROTATION_OVERLAP_MS. */
export async function rotateSecret(
  deps: AppDeps,
  user: SessionUser,
  id: string,
): Promise<TWebhookSecretResponse> {
  const now = deps.clock.now();
  const secret = newSigningSecret();
  await deps.db.transaction().execute(async (tx) => {
    const before = await findEndpointOrThrow(tx, id, { lock: true });
    await repo.updateEndpoint(tx, id, {
      secret,
      previous_secret: before.secret,
      previous_secret_expires_at: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString(),
      updated_at: now.toISOString(),
    });
    await recordAudit(tx, {
      actor: actorOf(user),
      accountId: null,
      entityType: 'webhook_endpoint',
      entityId: id,
      action: 'webhook_endpoint.secret_rotated',
      at: now,
    });
  });
  return { endpoint: await getEndpoint(deps, id), secret };
}
