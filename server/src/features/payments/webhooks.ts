// Stripe webhooks: the signature is checked on the raw body (a bad one is a 400 and nothing is stored), the
// event is recorded by id before anything else (a processed repeat is a no-op), types outside the allow-list
// are acknowledged and ignored, and the rest converge local state from a fresh read of the object at Stripe
// (converge.ts) — the event body is trusted for nothing but the type and the object's id. A failure to
// converge answers 500, so Stripe delivers the event again; the recorded event is then processed anew.
// A validly signed delivery that is not an event (no id, type or object), or whose object does not exist at
// Stripe, is acknowledged and recorded as ignored with the reason, so Stripe does not retry it for days.
// A signature dated more than the tolerance ahead of the portal's clock is refused like an old one.

import { createHash } from 'node:crypto';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { constructWebhookEvent, type Stripe } from '../../platform/stripe/client.ts';
import { syncCharge, syncCheckoutSession, syncPaymentIntent, syncSetupIntent } from './converge.ts';
import { payoutChanged } from './hooks.ts';
import * as repo from './repo.ts';

export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.requires_action',
  'charge.updated',
  'charge.refunded',
  'charge.dispute.created',
  'setup_intent.succeeded',
  'payout.paid',
  'payout.failed',
] as const satisfies readonly Stripe.Event.Type[];
type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];

function isHandled(type: string): type is HandledEventType {
  return (HANDLED_EVENT_TYPES as readonly string[]).includes(type);
}

export type WebhookResult = { received: true; outcome: 'processed' | 'duplicate' | 'ignored' };

/** Stripe's default tolerance for the signature's timestamp, applied to both sides of now. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The `t=` of a Stripe-Signature header, in unix seconds. */
function signedAt(signature: string): number | null {
  const match = /(?:^|,)\s*t=(\d+)/.exec(signature);
  return match?.[1] ? Number(match[1]) : null;
}

/** What the event must look like to be acted on; anything else is acknowledged and ignored. */
function shapeProblem(event: unknown): string | null {
  const e = event as { id?: unknown; type?: unknown; created?: unknown; data?: { object?: unknown } } | null;
  if (!e || typeof e !== 'object') return 'not an event: the body is not an object';
  if (typeof e.id !== 'string' || !e.id) return 'not an event: no id';
  if (typeof e.type !== 'string' || !e.type) return 'not an event: no type';
  if (typeof e.created !== 'number') return 'not an event: no created time';
  if (!e.data || typeof e.data !== 'object' || !e.data.object || typeof e.data.object !== 'object') {
    return 'not an event: no data.object';
  }
  return null;
}

function isMissingAtStripe(error: unknown): boolean {
  const e = error as { statusCode?: unknown; code?: unknown } | null;
  return e?.statusCode === 404 || e?.code === 'resource_missing';
}

/** What to read again at Stripe for an event: the object's id, by type. */
async function converge(deps: AppDeps, type: HandledEventType, objectId: string): Promise<void> {
  switch (type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired':
      return syncCheckoutSession(deps, objectId);
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed':
    case 'payment_intent.requires_action':
      return syncPaymentIntent(deps, objectId);
    case 'charge.updated':
    case 'charge.refunded':
      return syncCharge(deps, objectId);
    case 'charge.dispute.created':
      // The event's object is the dispute; its charge carries everything the portal records.
      return syncDisputedCharge(deps, objectId);
    case 'setup_intent.succeeded':
      return syncSetupIntent(deps, objectId);
    case 'payout.paid':
    case 'payout.failed':
      // Finance's (a hook registered in server/src/hooks.ts): the payout re-read at Stripe; its transactions
      // are itemised by the next sync.
      return deps.hooks.emit(payoutChanged, deps, objectId);
    default: {
      const unreachable: never = type;
      throw new Error(`unhandled event type ${String(unreachable)}`);
    }
  }
}

async function syncDisputedCharge(deps: AppDeps, disputeId: string): Promise<void> {
  const dispute = await deps.stripe.client.disputes.retrieve(disputeId);
  const chargeId = typeof dispute.charge === 'string' ? dispute.charge : dispute.charge.id;
  await syncCharge(deps, chargeId);
}

/** A signed delivery that is not an event: recorded once under an id derived from its body, then ignored. */
async function recordMalformed(deps: AppDeps, rawBody: string, reason: string): Promise<WebhookResult> {
  const nowIso = deps.clock.now().toISOString();
  const known = await repo.insertEventIfNew(deps.db, {
    id: `malformed_${createHash('sha256').update(rawBody).digest('hex').slice(0, 32)}`,
    type: 'malformed',
    object_id: null,
    livemode: 0,
    stripe_created_at: nowIso,
    received_at: nowIso,
    status: 'ignored',
    processed_at: nowIso,
    last_error: null,
    ignored_reason: reason,
  });
  return { received: true, outcome: known ? 'duplicate' : 'ignored' };
}

/** Verifies, records and converges one delivery. Throws 400 for a bad signature; rethrows convergence errors. */
export async function handleStripeWebhook(
  deps: AppDeps,
  input: { rawBody: string; signature: string | null },
): Promise<WebhookResult> {
  if (!input.signature) throw new AppError('bad_request', 'Missing Stripe-Signature header.');
  let event: Stripe.Event;
  try {
    event = constructWebhookEvent(
      deps.stripe.client,
      input.rawBody,
      input.signature,
      deps.stripe.webhookSecret,
    );
  } catch (error) {
    throw new AppError('bad_request', 'The webhook signature does not match.', { internalDetail: error });
  }
  const at = signedAt(input.signature);
  // Now is the later of real time (Stripe's) and the portal's clock (the emulator signs with the demo clock).
  const nowSeconds = Math.floor(Math.max(Date.now(), deps.clock.now().getTime()) / 1000);
  if (at === null || at > nowSeconds + SIGNATURE_TOLERANCE_SECONDS) {
    throw new AppError('bad_request', 'The webhook signature is dated in the future.');
  }
  const problem = shapeProblem(event);
  if (problem) return recordMalformed(deps, input.rawBody, problem);
  const object = event.data.object as { id?: unknown };
  const objectId = typeof object.id === 'string' ? object.id : null;
  const nowIso = deps.clock.now().toISOString();
  const handled = isHandled(event.type) && objectId !== null;
  const known = await repo.insertEventIfNew(deps.db, {
    id: event.id,
    type: event.type,
    object_id: objectId,
    livemode: event.livemode ? 1 : 0,
    stripe_created_at: new Date(event.created * 1000).toISOString(),
    received_at: nowIso,
    status: handled ? 'received' : 'ignored',
    processed_at: handled ? null : nowIso,
    last_error: null,
    ignored_reason: handled ? null : objectId ? 'event type not handled' : 'the event names no object',
  });
  if (known && (known.status === 'processed' || known.status === 'ignored')) {
    return { received: true, outcome: 'duplicate' };
  }
  if (!isHandled(event.type) || !objectId) return { received: true, outcome: 'ignored' };
  try {
    await converge(deps, event.type, objectId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isMissingAtStripe(error)) {
      await repo.markEvent(deps.db, event.id, {
        status: 'ignored',
        processedAt: deps.clock.now().toISOString(),
        lastError: null,
        ignoredReason: `the object ${objectId} does not exist at Stripe`,
      });
      return { received: true, outcome: 'ignored' };
    }
    await repo.markEvent(deps.db, event.id, {
      status: 'failed',
      processedAt: null,
      lastError: message,
      ignoredReason: null,
    });
    throw error;
  }
  await repo.markEvent(deps.db, event.id, {
    status: 'processed',
    processedAt: deps.clock.now().toISOString(),
    lastError: null,
    ignoredReason: null,
  });
  return { received: true, outcome: 'processed' };
}
