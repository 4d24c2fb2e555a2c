// SQL for the feed's order (event_feed, event_sequencer), webhook endpoints, deliveries and attempts. The
// event log itself (`events`) is the platform's; this feature is its reader.

import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  EventTable,
  WebhookAttemptTable,
  WebhookDeliveryTable,
  WebhookEndpointTable,
} from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

type Db = DbOf<
  | 'events'
  | 'event_feed'
  | 'event_sequencer'
  | 'webhook_endpoints'
  | 'webhook_deliveries'
  | 'webhook_attempts'
  | 'subscription_expiries'
>;

export type EndpointRow = Selectable<WebhookEndpointTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;
export type AttemptRow = Selectable<WebhookAttemptTable>;
export type EventRow = Selectable<EventTable>;
export type FeedRow = EventRow & { position: number };

const SEQUENCER_ID = 'events';

// ——— the sequencer ———

export async function lockSequencer(db: Db, nowMs: number) {
  await db
    .insertInto('event_sequencer')
    .values({ id: SEQUENCER_ID, scan_from_seq: 0, candidate_seq: 0, candidate_at_ms: nowMs })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return db
    .selectFrom('event_sequencer')
    .selectAll()
    .where('id', '=', SEQUENCER_ID)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateSequencer(
  db: Db,
  values: { scan_from_seq: number; candidate_seq: number; candidate_at_ms: number },
): Promise<void> {
  await db.updateTable('event_sequencer').set(values).where('id', '=', SEQUENCER_ID).execute();
}

/** Committed events above `afterSeq` that have no position yet, oldest first. */
export async function listUnpositionedEvents(db: Db, afterSeq: number, limit: number): Promise<EventRow[]> {
  return db
    .selectFrom('events')
    .leftJoin('event_feed', 'event_feed.event_seq', 'events.seq')
    .selectAll('events')
    .where('events.seq', '>', afterSeq)
    .where('event_feed.event_seq', 'is', null)
    .orderBy('events.seq')
    .limit(limit)
    .execute();
}

export async function maxEventSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function maxPosition(db: Db): Promise<number> {
  const row = await db
    .selectFrom('event_feed')
    .select((eb) => eb.fn.max('position').as('position'))
    .executeTakeFirst();
  return Number(row?.position ?? 0);
}

export async function insertPositions(
  db: Db,
  rows: { position: number; event_seq: number; event_id: string; positioned_at: string }[],
): Promise<void> {
  if (rows.length) await db.insertInto('event_feed').values(rows).execute();
}

/** The feed: positioned events after `afterPosition`, in position order. */
export async function listFeed(db: Db, afterPosition: number, limit: number): Promise<FeedRow[]> {
  return db
    .selectFrom('event_feed')
    .innerJoin('events', 'events.seq', 'event_feed.event_seq')
    .selectAll('events')
    .select('event_feed.position')
    .where('event_feed.position', '>', afterPosition)
    .orderBy('event_feed.position')
    .limit(limit)
    .execute();
}

/** Positioned events of these types (all when empty) that occurred in [from, to], oldest first. */
export async function listFeedBetween(
  db: Db,
  range: { from: string; to: string; types: string[]; limit: number },
): Promise<FeedRow[]> {
  let query = db
    .selectFrom('event_feed')
    .innerJoin('events', 'events.seq', 'event_feed.event_seq')
    .selectAll('events')
    .select('event_feed.position')
    .where('events.occurred_at', '>=', range.from)
    .where('events.occurred_at', '<=', range.to);
  if (range.types.length) query = query.where('events.type', 'in', range.types);
  return query.orderBy('event_feed.position').limit(range.limit).execute();
}

export async function findEvent(db: Db, eventId: string): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
}

// ——— endpoints ———

export async function insertEndpoint(db: Db, row: Insertable<WebhookEndpointTable>): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

export async function updateEndpoint(
  db: Db,
  id: string,
  values: Updateable<WebhookEndpointTable>,
): Promise<void> {
  await db.updateTable('webhook_endpoints').set(values).where('id', '=', id).execute();
}

export async function findEndpoint(db: Db, id: string, options: { lock?: boolean } = {}) {
  const query = db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function listEndpoints(db: Db, options: { enabledOnly?: boolean } = {}): Promise<EndpointRow[]> {
  let query = db.selectFrom('webhook_endpoints').selectAll();
  if (options.enabledOnly) query = query.where('enabled', '=', 1);
  return query.orderBy('created_at').orderBy('id').execute();
}

export async function countDeliveriesByEndpoint(db: Db) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['endpoint_id', 'state', (eb) => eb.fn.countAll<number>().as('count')])
    .where('state', 'in', ['failed', 'pending'])
    .groupBy(['endpoint_id', 'state'])
    .execute();
}

export async function countFailedDeliveries(db: Db): Promise<number> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('state', '=', 'failed')
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

// ——— deliveries ———

export async function insertDeliveries(db: Db, rows: Insertable<WebhookDeliveryTable>[]): Promise<void> {
  // Chunked: a statement has a bounded number of parameters on both dialects.
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('webhook_deliveries')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export async function findDelivery(db: Db, id: string, options: { lock?: boolean } = {}) {
  const query = db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function listDeliveries(
  db: Db,
  filter: { endpointId: string; state?: string | undefined; limit: number },
): Promise<DeliveryRow[]> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', filter.endpointId);
  if (filter.state) query = query.where('state', '=', filter.state);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function listAttempts(db: Db, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (!deliveryIds.length) return [];
  return db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('delivery_id')
    .orderBy('attempt')
    .execute();
}

/** Deliveries to send now: due ones, and ones whose sender's lease ran out (it died), of enabled endpoints. */
export async function listDueDeliveryIds(db: Db, nowIso: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_deliveries.endpoint_id')
    .select('webhook_deliveries.id')
    .where('webhook_endpoints.enabled', '=', 1)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('webhook_deliveries.state', '=', 'pending'),
          eb('webhook_deliveries.next_attempt_at', '<=', nowIso),
        ]),
        eb.and([
          eb('webhook_deliveries.state', '=', 'sending'),
          eb('webhook_deliveries.lease_until', '<', nowIso),
        ]),
      ]),
    )
    .orderBy('webhook_deliveries.created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function updateDelivery(
  db: Db,
  id: string,
  values: Updateable<WebhookDeliveryTable>,
): Promise<void> {
  await db.updateTable('webhook_deliveries').set(values).where('id', '=', id).execute();
}

export async function insertAttempt(db: Db, row: Insertable<WebhookAttemptTable>): Promise<void> {
  await db.insertInto('webhook_attempts').values(row).execute();
}

// ——— subscription.expired, once per subscription and term end ———

export async function insertExpiry(
  db: Db,
  row: { subscription_id: string; term_end: string; event_id: string },
): Promise<boolean> {
  const result = await db
    .insertInto('subscription_expiries')
    .values(row)
    .onConflict((oc) => oc.columns(['subscription_id', 'term_end']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setExpiryEvent(
  db: Db,
  row: { subscription_id: string; term_end: string; event_id: string },
): Promise<void> {
  await db
    .updateTable('subscription_expiries')
    .set({ event_id: row.event_id })
    .where('subscription_id', '=', row.subscription_id)
    .where('term_end', '=', row.term_end)
    .execute();
}
