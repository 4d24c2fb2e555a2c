// Ops' view of deliveries (each with its attempts), replays and the test event. A replay is a new delivery of
// the same event (same `webhook-id`, so a receiver that already has it can drop it), with a fresh schedule.

import {
  MAX_REPLAY_EVENTS,
  type TReplayRange,
  type TWebhookAttempt,
  type TWebhookDelivery,
} from '@portal/shared/schemas/webhooks';
import { recordAudit } from '../../platform/audit/service.ts';
import { newId } from '../../platform/db/ids.ts';
import { toJson } from '../../platform/db/json.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { WEBHOOK_DELIVERY_JOB } from './delivery.ts';
import { endpointEventTypes, findEndpointOrThrow } from './endpoints.ts';
import * as repo from './repo.ts';
import { newDelivery, toPortalEvent } from './sequencer.ts';

function toAttempt(row: repo.AttemptRow): TWebhookAttempt {
  return {
    attempt: row.attempt,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    statusCode: row.status_code,
    ok: row.ok === 1,
    responseExcerpt: row.response_excerpt,
    error: row.error,
  };
}

function toDelivery(row: repo.DeliveryRow, attempts: repo.AttemptRow[]): TWebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    messageId: row.message_id,
    eventType: row.event_type,
    trigger: row.trigger as TWebhookDelivery['trigger'],
    state: row.state as TWebhookDelivery['state'],
    attemptCount: row.attempt_count,
    nextAttemptAt: row.state === 'pending' ? row.next_attempt_at : null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    attempts: attempts.filter((a) => a.delivery_id === row.id).map(toAttempt),
  };
}

export async function listEndpointDeliveries(
  deps: AppDeps,
  endpointId: string,
  query: { state?: TWebhookDelivery['state'] | undefined; limit: number },
): Promise<TWebhookDelivery[]> {
  await findEndpointOrThrow(deps.db, endpointId);
  const rows = await repo.listDeliveries(deps.db, { endpointId, state: query.state, limit: query.limit });
  const attempts = await repo.listAttempts(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toDelivery(row, attempts));
}

async function queueNow(deps: AppDeps, deliveryIds: string[]) {
  if (!deps.jobs) return;
  for (const id of deliveryIds) {
    await deps.jobs
      .enqueue(WEBHOOK_DELIVERY_JOB, { deliveryId: id }, { singletonKey: id })
      .catch((err) => deps.logger.warn({ err, id }, 'could not queue a webhook delivery'));
  }
}

const actorOf = (user: SessionUser) => ({ userId: user.id, label: user.email });

/** Sends one delivery's event again, as a new delivery. */
export async function replayDelivery(
  deps: AppDeps,
  user: SessionUser,
  endpointId: string,
  deliveryId: string,
): Promise<TWebhookDelivery> {
  const now = deps.clock.now();
  const replay = await deps.db.transaction().execute(async (tx) => {
    const original = await repo.findDelivery(tx, deliveryId);
    if (!original || original.endpoint_id !== endpointId) throw notFound('Delivery not found');
    const row: repo.DeliveryRow = {
      ...original,
      id: newId('whd'),
      trigger: original.trigger === 'test' ? 'test' : 'replay',
      state: 'pending',
      attempt_count: 0,
      next_attempt_at: now.toISOString(),
      lease_until: null,
      last_status: null,
      last_error: null,
      created_at: now.toISOString(),
      completed_at: null,
    };
    await repo.insertDeliveries(tx, [row]);
    await recordAudit(tx, {
      actor: actorOf(user),
      accountId: null,
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      action: 'webhook_delivery.replayed',
      after: { deliveryId: row.id, of: original.id, messageId: original.message_id },
      at: now,
    });
    return row;
  });
  await queueNow(deps, [replay.id]);
  return toDelivery(replay, []);
}

/** Sends again every event the endpoint wants that occurred in [from, to] (at most MAX_REPLAY_EVENTS). */
export async function replayRange(
  deps: AppDeps,
  user: SessionUser,
  endpointId: string,
  range: TReplayRange,
): Promise<{ queued: number }> {
  const now = deps.clock.now();
  const rows = await deps.db.transaction().execute(async (tx) => {
    const endpoint = await findEndpointOrThrow(tx, endpointId);
    const events = await repo.listFeedBetween(tx, {
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      types: endpointEventTypes(endpoint),
      limit: MAX_REPLAY_EVENTS + 1,
    });
    if (events.length > MAX_REPLAY_EVENTS) {
      throw new AppError(
        'validation_failed',
        `At most ${MAX_REPLAY_EVENTS} events at once: choose a shorter range`,
        {
          fields: { to: `At most ${MAX_REPLAY_EVENTS} events at once` },
        },
      );
    }
    const deliveries = events.map((e) =>
      newDelivery(endpointId, toPortalEvent(e), 'replay', now.toISOString()),
    );
    await repo.insertDeliveries(tx, deliveries);
    await recordAudit(tx, {
      actor: actorOf(user),
      accountId: null,
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      action: 'webhook_delivery.range_replayed',
      after: { from: range.from, to: range.to, events: deliveries.length },
      at: now,
    });
    return deliveries;
  });
  await queueNow(
    deps,
    rows.map((r) => r.id),
  );
  return { queued: rows.length };
}

/** A `webhook.test` message to the endpoint (not an event of the log: it is not in the feed). */
export async function sendTestEvent(
  deps: AppDeps,
  user: SessionUser,
  endpointId: string,
): Promise<TWebhookDelivery> {
  const now = deps.clock.now();
  const id = newId('msg_test');
  const row = await deps.db.transaction().execute(async (tx) => {
    await findEndpointOrThrow(tx, endpointId);
    const delivery: repo.DeliveryRow = {
      id: newId('whd'),
      endpoint_id: endpointId,
      event_id: null,
      message_id: id,
      event_type: 'webhook.test',
      payload_json: toJson({
        id,
        type: 'webhook.test',
        timestamp: now.toISOString(),
        accountId: null,
        subject: { type: 'webhook_endpoint', id: endpointId },
        data: { message: 'A test from the renewal portal', sentBy: user.email },
      }),
      trigger: 'test',
      state: 'pending',
      attempt_count: 0,
      next_attempt_at: now.toISOString(),
      lease_until: null,
      last_status: null,
      last_error: null,
      created_at: now.toISOString(),
      completed_at: null,
    };
    await repo.insertDeliveries(tx, [delivery]);
    return delivery;
  });
  await queueNow(deps, [row.id]);
  return toDelivery(row, []);
}
