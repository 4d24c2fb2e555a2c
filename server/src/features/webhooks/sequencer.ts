// The sequencer (decision 019): gives each committed event its place in the feed and creates its deliveries,
// in one transaction, one sequencer at a time (the job's lease, and the sequencer row locked). On PostgreSQL
// `events.seq` comes from an identity, taken at insert: a transaction that took seq 9 may commit after one that
// took seq 10. Whoever read "seq > 8" in between saw 10 and not 9, and a cursor on seq would skip 9 for good.
// Positions are given in the order the sequencer *sees* events committed, so a late event gets a position
// after everything already read: nothing is skipped, on either dialect.
//
// To keep the scan small it starts above `scan_from_seq`, below which every event has a position. That mark
// moves up to the highest seq seen COMMIT_HORIZON_MS (wall clock) earlier: a transaction still open that long
// after taking its seq is not expected (PostgreSQL's idle-in-transaction and statement timeouts are shorter).

import type { TPortalEvent } from '@portal/shared/schemas/events';
import { realNow } from '../../platform/auth/wall-clock.ts';
import { newId } from '../../platform/db/ids.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { endpointWants } from './endpoints.ts';
import * as repo from './repo.ts';

export const COMMIT_HORIZON_MS = 10 * 60_000;
const BATCH = 500;

/** The event as the feed returns it and as a delivery's body (Standard Webhooks: type, timestamp, data). */
export function toPortalEvent(row: repo.FeedRow): TPortalEvent {
  return {
    id: row.id,
    cursor: String(row.position),
    type: row.type as TPortalEvent['type'],
    timestamp: row.occurred_at,
    accountId: row.account_id,
    subject: { type: row.subject_type, id: row.subject_id },
    data: fromJson<Record<string, unknown>>(row.data_json, {}),
  };
}

export function deliveryPayload(event: TPortalEvent): string {
  const { cursor: _cursor, ...body } = event;
  return toJson(body);
}

export function newDelivery(
  endpointId: string,
  event: TPortalEvent,
  trigger: 'event' | 'replay',
  nowIso: string,
): repo.DeliveryRow {
  return {
    id: newId('whd'),
    endpoint_id: endpointId,
    event_id: event.id,
    message_id: event.id,
    event_type: event.type,
    payload_json: deliveryPayload(event),
    trigger,
    state: 'pending',
    attempt_count: 0,
    next_attempt_at: nowIso,
    lease_until: null,
    last_status: null,
    last_error: null,
    created_at: nowIso,
    completed_at: null,
  };
}

export type SequencerPass = { positioned: number; deliveries: number };

/** One pass: positions up to BATCH new events (call again while it returns BATCH) and queues their deliveries. */
export async function positionNewEvents(deps: AppDeps): Promise<SequencerPass> {
  const nowIso = deps.clock.now().toISOString();
  const wallMs = realNow(deps.clock).getTime();
  return deps.db.transaction().execute(async (tx) => {
    const state = await repo.lockSequencer(tx, wallMs);
    const events = await repo.listUnpositionedEvents(tx, state.scan_from_seq, BATCH);
    let position = await repo.maxPosition(tx);
    const feedRows = events.map((e) => ({
      position: ++position,
      event_seq: e.seq,
      event_id: e.id,
      positioned_at: nowIso,
    }));
    await repo.insertPositions(tx, feedRows);
    const endpoints = events.length ? await repo.listEndpoints(tx, { enabledOnly: true }) : [];
    const deliveries: repo.DeliveryRow[] = [];
    events.forEach((event, i) => {
      const portalEvent = toPortalEvent({ ...event, position: feedRows[i]?.position ?? 0 });
      for (const endpoint of endpoints) {
        if (endpointWants(endpoint, event.type)) {
          deliveries.push(newDelivery(endpoint.id, portalEvent, 'event', nowIso));
        }
      }
    });
    await repo.insertDeliveries(tx, deliveries);
    // Only once caught up: a backlog above the mark is still to be read.
    if (events.length < BATCH && wallMs - state.candidate_at_ms >= COMMIT_HORIZON_MS) {
      await repo.updateSequencer(tx, {
        scan_from_seq: Math.max(state.scan_from_seq, state.candidate_seq),
        candidate_seq: await repo.maxEventSeq(tx),
        candidate_at_ms: wallMs,
      });
    }
    return { positioned: events.length, deliveries: deliveries.length };
  });
}

/** Positions every event committed so far (tests, and the job's pass). */
export async function positionAllNewEvents(deps: AppDeps): Promise<SequencerPass> {
  const total = { positioned: 0, deliveries: 0 };
  for (;;) {
    const pass = await positionNewEvents(deps);
    total.positioned += pass.positioned;
    total.deliveries += pass.deliveries;
    if (pass.positioned < BATCH) return total;
  }
}

/** `GET /api/v1/events?after=`: positioned events after the cursor, oldest first; `next` is the new cursor. */
export async function readFeed(
  deps: AppDeps,
  query: { after?: string | undefined; limit: number },
): Promise<{ events: TPortalEvent[]; next: string | null; hasMore: boolean }> {
  const after = query.after ? Number(query.after) : 0;
  const rows = await repo.listFeed(deps.db, after, query.limit + 1);
  const events = rows.slice(0, query.limit).map(toPortalEvent);
  return {
    events,
    next: events.at(-1)?.cursor ?? query.after ?? null,
    hasMore: rows.length > query.limit,
  };
}
