// Ops' webhook endpoints and their deliveries (issue 13 item 5, decision 019). A delivery is one event sent
// to one endpoint, signed per Standard Webhooks; each try is an attempt.

import { z } from 'zod';
import { EventType } from './events.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

// The WHATWG URL parser is global in browsers and Node alike; shared/ compiles without either's types.
type ParsedUrl = { username: string; password: string; protocol: string; hostname: string };
declare const URL: new (input: string) => ParsedUrl;

/** https anywhere; plain http only to this machine (a receiver beside the demo). */
export function isAllowedWebhookUrl(value: string): boolean {
  let url: ParsedUrl;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
}

export const ZWebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(isAllowedWebhookUrl, 'Enter an https:// address (http:// only to localhost)');

export const ZWebhookEndpointInput = z.object({
  url: ZWebhookUrl,
  description: z.string().trim().max(200).default(''),
  /** Empty: every event type. */
  eventTypes: z.array(EventType).max(50).default([]),
});
export type TWebhookEndpointInput = z.input<typeof ZWebhookEndpointInput>;

export const ZWebhookEndpointUpdate = ZWebhookEndpointInput.extend({ enabled: z.boolean() }).partial();
export type TWebhookEndpointUpdate = z.input<typeof ZWebhookEndpointUpdate>;

export const ZWebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(EventType),
  enabled: z.boolean(),
  /** Why it is disabled: by ops, or automatically after persistent failure. */
  disabledReason: z.enum(['ops', 'failing']).nullable(),
  /** The secret's first characters, to tell secrets apart (never the whole secret after creation). */
  secretHint: z.string(),
  /** While a rotated-out secret still signs beside the new one. */
  previousSecretExpiresAt: z.string().nullable(),
  failingSince: z.string().nullable(),
  createdAt: z.string(),
  /** Deliveries that gave up (failed) and that wait for a retry. */
  failedDeliveries: z.number().int(),
  pendingDeliveries: z.number().int(),
});
export type TWebhookEndpoint = z.infer<typeof ZWebhookEndpoint>;

/** Returned once, on creation and rotation: the only time the secret is shown. */
export const ZWebhookSecretResponse = z.object({ endpoint: ZWebhookEndpoint, secret: z.string() });
export type TWebhookSecretResponse = z.infer<typeof ZWebhookSecretResponse>;

export const DELIVERY_STATES = ['pending', 'sending', 'succeeded', 'failed'] as const;
export const ZDeliveryState = z.enum(DELIVERY_STATES);

export const ZWebhookAttempt = z.object({
  attempt: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number().int(),
  statusCode: z.number().int().nullable(),
  ok: z.boolean(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
});
export type TWebhookAttempt = z.infer<typeof ZWebhookAttempt>;

export const ZWebhookDelivery = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string().nullable(),
  messageId: z.string(),
  eventType: z.string(),
  trigger: z.enum(['event', 'replay', 'test']),
  state: ZDeliveryState,
  attemptCount: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  attempts: z.array(ZWebhookAttempt),
});
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;

export const ZDeliveryListQuery = z.object({
  state: ZDeliveryState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Replays the endpoint's events that occurred in [from, to] (ISO instants), at most MAX_REPLAY_EVENTS. */
export const MAX_REPLAY_EVENTS = 1000;
export const ZReplayRange = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((r) => r.from <= r.to, { message: 'The start must not be after the end', path: ['to'] });
export type TReplayRange = z.infer<typeof ZReplayRange>;

export const ZEventFeedQuery = z.object({
  after: z
    .string()
    .regex(/^\d{1,15}$/, 'A cursor from a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
