// The events the vendor's systems hear about (issue 13 item 5): each is appended to the event log in the
// same transaction as the change it describes, then delivered to webhook endpoints (Standard Webhooks) and
// readable with `GET /api/v1/events?after=<cursor>`. Adding a type is adding it here.

import { z } from 'zod';

export const EVENT_TYPES = [
  'account.created',
  'account.updated',
  'subscription.created',
  'subscription.updated',
  'subscription.renewed',
  'subscription.expired',
  'subscription.cancelled',
  'auto_renew.enabled',
  'auto_renew.disabled',
  'quote.created',
  'quote.accepted',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
  'invoice.issued',
] as const;

export const EventType = z.enum(EVENT_TYPES);
export type TEventType = z.infer<typeof EventType>;

/** One event as read from the feed and as the body of a delivery (`type`, `timestamp`, `data`). */
export const PortalEvent = z.object({
  id: z.string(),
  /** Opaque cursor: pass it as `after` to read the events that follow. */
  cursor: z.string(),
  type: EventType,
  timestamp: z.string(),
  accountId: z.string().nullable(),
  subject: z.object({ type: z.string(), id: z.string() }),
  data: z.record(z.string(), z.unknown()),
});
export type TPortalEvent = z.infer<typeof PortalEvent>;
