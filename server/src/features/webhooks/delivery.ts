// Sending one delivery (decision 019). The state lives in the database, so nothing is lost with a process:
// a sender first claims the delivery (state 'sending', attempt counted, a lease), posts it signed per Standard
// Webhooks, then records the attempt and the outcome. A sender that dies leaves a 'sending' delivery whose
// lease runs out; the next pass finds it, logs the attempt as interrupted and sends it again (receivers dedupe
// by `webhook-id`, the event's id). Failures are retried on RETRY_DELAYS_MS (about three days in all); a
// delivery that fails through every retry while the endpoint had no success since it was created disables the
// endpoint and tells ops by e-mail.

import { Webhook } from 'standardwebhooks';
import { recordAudit, systemActor } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { enqueueEmail, outboxContext } from '../../platform/notifications/service.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import { listActiveStaff } from '../auth/service.ts';
import { renderEndpointDisabled } from './email.ts';
import { signingSecrets } from './endpoints.ts';
import * as repo from './repo.ts';

export const WEBHOOK_DELIVERY_JOB = 'webhook-delivery';
export const DEFAULT_TIMEOUT_MS = 10_000;
/** While a sender works on a delivery; past it the sender is taken for dead. Longer than any attempt. */
export const LEASE_MS = 2 * 60_000;
/** After the first attempt: 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 20 h (about 71.6 h in all). */
export const RETRY_DELAYS_MS = [
  5_000,
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  20 * 3_600_000,
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const EXCERPT_CHARS = 1_000;

export type SendOptions = { timeoutMs?: number };

type Claimed = { delivery: repo.DeliveryRow; endpoint: repo.EndpointRow; attempt: number };

export type DeliveryOutcome = 'succeeded' | 'retrying' | 'failed' | 'skipped';

/** Sends one delivery if it is due (or its sender died); otherwise does nothing ('skipped'). */
export async function sendDelivery(
  deps: AppDeps,
  deliveryId: string,
  options: SendOptions = {},
): Promise<DeliveryOutcome> {
  const claimed = await claim(deps, deliveryId);
  if (!claimed) return 'skipped';
  const startedAt = deps.clock.now();
  const result = await post(deps, claimed, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const outcome = await record(deps, claimed, startedAt, result);
  if (outcome === 'retrying' && deps.jobs) {
    await deps.jobs
      .enqueue(
        WEBHOOK_DELIVERY_JOB,
        { deliveryId },
        { singletonKey: deliveryId, delayMs: retryDelay(claimed.attempt) },
      )
      .catch((err) => deps.logger.warn({ err, deliveryId }, 'could not queue a webhook retry'));
  }
  return outcome;
}

function retryDelay(attempt: number): number {
  return RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1] ?? 0;
}

async function claim(deps: AppDeps, deliveryId: string): Promise<Claimed | null> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  return deps.db.transaction().execute(async (tx) => {
    const delivery = await repo.findDelivery(tx, deliveryId, { lock: true });
    if (!delivery) return null;
    const endpoint = await repo.findEndpoint(tx, delivery.endpoint_id);
    if (endpoint?.enabled !== 1) return null;
    const isDue = delivery.state === 'pending' && (delivery.next_attempt_at ?? '') <= nowIso;
    const wasInterrupted = delivery.state === 'sending' && (delivery.lease_until ?? '') < nowIso;
    if (!isDue && !wasInterrupted) return null;
    if (wasInterrupted) {
      await repo.insertAttempt(tx, {
        id: newId('wha'),
        delivery_id: delivery.id,
        attempt: delivery.attempt_count,
        started_at: delivery.lease_until ?? nowIso,
        duration_ms: 0,
        status_code: null,
        ok: 0,
        response_excerpt: null,
        error: 'interrupted: the sender stopped before a result; sent again',
      });
    }
    const attempt = delivery.attempt_count + 1;
    await repo.updateDelivery(tx, delivery.id, {
      state: 'sending',
      attempt_count: attempt,
      lease_until: new Date(now.getTime() + LEASE_MS).toISOString(),
    });
    return { delivery, endpoint, attempt };
  });
}

type PostResult = {
  status: number | null;
  ok: boolean;
  excerpt: string | null;
  error: string | null;
  ms: number;
};

/** The Standard Webhooks headers; one signature per secret in force (two during a rotation's overlap). */
export function signedHeaders(
  endpoint: repo.EndpointRow,
  messageId: string,
  payload: string,
  signedAt: Date,
  secretsAt: Date,
): Record<string, string> {
  const signatures = signingSecrets(endpoint, secretsAt).map((secret) =>
    new Webhook(secret).sign(messageId, signedAt, payload),
  );
  return {
    'content-type': 'application/json',
    'user-agent': 'renewal-portal-webhooks/1',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(signedAt.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

async function post(deps: AppDeps, claimed: Claimed, timeoutMs: number): Promise<PostResult> {
  const { delivery, endpoint } = claimed;
  // The one place the system clock is read on purpose: `webhook-timestamp` is a transport fact that receivers
  // check against their own clock (5 min tolerance), whatever date the demo (or a test's fixed clock) shows.
  // Which secrets sign follows the portal's clock, like the rotation that set them.
  const headers = signedHeaders(
    endpoint,
    delivery.message_id,
    delivery.payload_json,
    new Date(),
    deps.clock.now(),
  );
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers,
      body: delivery.payload_json,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const excerpt = await readExcerpt(response);
    const ok = response.status >= 200 && response.status < 300;
    return {
      status: response.status,
      ok,
      excerpt,
      error: ok ? null : `HTTP ${response.status}`,
      ms: elapsed(),
    };
  } catch (err) {
    const isTimeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    const message = isTimeout
      ? `timeout: no response within ${Math.round(timeoutMs / 100) / 10} s`
      : `${err instanceof Error ? err.message : String(err)}${cause}`;
    return { status: null, ok: false, excerpt: null, error: message.slice(0, 500), ms: elapsed() };
  }
}

async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < EXCERPT_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A body cut short (timeout, reset) keeps what arrived.
  } finally {
    void reader.cancel().catch(() => {});
  }
  return text ? text.slice(0, EXCERPT_CHARS) : null;
}

async function record(
  deps: AppDeps,
  claimed: Claimed,
  startedAt: Date,
  result: PostResult,
): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  return deps.db.transaction().execute(async (tx) => {
    await repo.insertAttempt(tx, {
      id: newId('wha'),
      delivery_id: claimed.delivery.id,
      attempt: claimed.attempt,
      started_at: startedAt.toISOString(),
      duration_ms: result.ms,
      status_code: result.status,
      ok: result.ok ? 1 : 0,
      response_excerpt: result.excerpt,
      error: result.error,
    });
    const current = await repo.findDelivery(tx, claimed.delivery.id, { lock: true });
    // Taken over meanwhile (this sender was taken for dead): its attempt is logged, the state is the other's.
    if (current?.state !== 'sending' || current.attempt_count !== claimed.attempt) return 'skipped';
    const endpoint = await repo.findEndpoint(tx, claimed.endpoint.id, { lock: true });
    const common = { lease_until: null, last_status: result.status, last_error: result.error };
    if (result.ok) {
      await repo.updateDelivery(tx, current.id, {
        ...common,
        state: 'succeeded',
        completed_at: nowIso,
        next_attempt_at: null,
      });
      if (endpoint?.failing_since) await repo.updateEndpoint(tx, endpoint.id, { failing_since: null });
      return 'succeeded';
    }
    const failingSince = endpoint?.failing_since ?? startedAt.toISOString();
    if (endpoint && !endpoint.failing_since)
      await repo.updateEndpoint(tx, endpoint.id, { failing_since: failingSince });
    if (claimed.attempt < MAX_ATTEMPTS) {
      await repo.updateDelivery(tx, current.id, {
        ...common,
        state: 'pending',
        next_attempt_at: new Date(now.getTime() + retryDelay(claimed.attempt)).toISOString(),
      });
      return 'retrying';
    }
    await repo.updateDelivery(tx, current.id, {
      ...common,
      state: 'failed',
      completed_at: nowIso,
      next_attempt_at: null,
    });
    // Persistent: every attempt of this delivery failed (about three days) and nothing succeeded since it began.
    if (endpoint && endpoint.enabled === 1 && failingSince <= current.created_at) {
      await disableFailingEndpoint(deps, tx, endpoint, failingSince, result.error ?? 'failed');
    }
    return 'failed';
  });
}

async function disableFailingEndpoint(
  deps: AppDeps,
  tx: DbOrTx,
  endpoint: repo.EndpointRow,
  failingSince: string,
  lastError: string,
): Promise<void> {
  const now = deps.clock.now();
  await repo.updateEndpoint(tx, endpoint.id, {
    enabled: 0,
    disabled_reason: 'failing',
    updated_at: now.toISOString(),
  });
  await recordAudit(tx, {
    actor: systemActor('webhooks'),
    accountId: null,
    entityType: 'webhook_endpoint',
    entityId: endpoint.id,
    action: 'webhook_endpoint.auto_disabled',
    before: { enabled: true },
    after: { enabled: false, failingSince, lastError },
    at: now,
  });
  const context = outboxContext(deps, now);
  for (const ops of await listActiveStaff(tx, 'ops')) {
    await enqueueEmail(tx, context, {
      to: ops.email,
      accountId: null,
      template: 'webhook-endpoint-disabled',
      locale: asEmailLocale(ops.locale),
      content: renderEndpointDisabled(asEmailLocale(ops.locale), {
        url: endpoint.url,
        failingSince,
        lastError,
        endpointsUrl: `${deps.config.publicUrl}/ops/webhooks/${endpoint.id}`,
      }),
      dedupeKey: `webhook-disabled:${endpoint.id}:${failingSince}`,
    });
  }
}

/** Sends every delivery due now, one after the other (tests and scripts without a job engine). */
export async function sendDueDeliveries(
  deps: AppDeps,
  options: SendOptions = {},
): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = [];
  for (const id of await repo.listDueDeliveryIds(deps.db, deps.clock.now().toISOString(), 100)) {
    outcomes.push(await sendDelivery(deps, id, options));
  }
  return outcomes;
}

/** Queues a job for every delivery due now, or whose sender died (once per delivery: the singleton key). */
export async function queueDueDeliveries(deps: AppDeps): Promise<number> {
  if (!deps.jobs) return 0;
  let queued = 0;
  for (const id of await repo.listDueDeliveryIds(deps.db, deps.clock.now().toISOString(), 500)) {
    if (await deps.jobs.enqueue(WEBHOOK_DELIVERY_JOB, { deliveryId: id }, { singletonKey: id })) queued++;
  }
  return queued;
}
