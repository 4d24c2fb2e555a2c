// Records an Event for every state change and queues it for webhook delivery.
import type Stripe from 'stripe';
import { API_VERSION, type Emu, type RequestCtx } from './context.ts';
import { newId } from './ids.ts';
import type { StoredObject } from './store.ts';

type EventOf<T extends Stripe.Event.Type> = Extract<Stripe.Event, { type: T }>;
export type EventObject<T extends Stripe.Event.Type> = EventOf<T>['data']['object'];

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Stripe's `previous_attributes`: the old values of the fields that changed, nested objects
 * reduced to their changed fields, arrays whole.
 */
export function previousAttributes(before: Json, after: Json): Record<string, Json> {
  const changed: Record<string, Json> = {};
  if (!isPlainObject(before) || !isPlainObject(after)) return changed;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key];
    const now = after[key];
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    changed[key] = isPlainObject(old) && isPlainObject(now) ? previousAttributes(old, now) : (old ?? null);
  }
  return changed;
}

/**
 * Stores an event whose `data.object` is a snapshot of `object` now, and queues one delivery per
 * configured webhook endpoint. The signature ties the object's type to the event type.
 */
export function emitEvent<T extends Stripe.Event.Type>(
  emu: Emu,
  req: RequestCtx,
  type: T,
  object: EventObject<T>,
  /** The object before the change, for `previous_attributes`. */
  before?: object,
): Stripe.Event {
  const data: Stripe.Event.Data = { object: structuredClone(object) };
  if (before) data.previous_attributes = previousAttributes(before, object);
  const event = {
    id: newId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: emu.now(),
    data,
    livemode: false,
    pending_webhooks: emu.webhooks.endpointCount(),
    request: { id: req.requestId, idempotency_key: req.idempotencyKey },
    type,
  } satisfies Stripe.EventBase as Stripe.Event;
  emu.store.insert<'event'>(event);
  emu.webhooks.enqueue(event.id);
  return event;
}

/** Stores the changed object and emits `type` with `previous_attributes` computed against `before`. */
export function saveChange<T extends Stripe.Event.Type>(
  emu: Emu,
  req: RequestCtx,
  type: T,
  before: EventObject<T>,
  after: EventObject<T>,
): EventObject<T> {
  // Every event type the emulator emits carries one of its stored object kinds.
  emu.store.update(after as unknown as StoredObject);
  emitEvent(emu, req, type, after, before);
  return after;
}
