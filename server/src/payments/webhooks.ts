// Stripe webhooks: the signature is checked on the raw body (a bad one is a 400 and nothing is stored), the
// event is recorded by id before anything else (a processed repeat is a no-op), types outside the allow-list
// are acknowledged and ignored, and the rest converge local state from a fresh read of the object at Stripe
// (converge.ts) — the event body is trusted for nothing but the type and the object's id. A failure to
// converge answers 500, so Stripe delivers the event again; the recorded event is then processed anew.

import { syncPayoutFromStripe } from '../finance/stripe-sync.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { syncCharge, syncCheckoutSession, syncPaymentIntent, syncSetupIntent } from './converge.ts';
import * as repo from './repo.ts';
import { constructWebhookEvent, type Stripe } from './stripe.ts';

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
      // Finance's: the payout re-read at Stripe; its transactions are itemised by the next sync.
      return syncPayoutFromStripe(deps, objectId);
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
  const object = event.data.object as { id?: unknown };
  const objectId = typeof object.id === 'string' ? object.id : null;
  const nowIso = deps.clock.now().toISOString();
  const handled = isHandled(event.type);
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
  });
  if (known && (known.status === 'processed' || known.status === 'ignored')) {
    return { received: true, outcome: 'duplicate' };
  }
  if (!isHandled(event.type) || !objectId) return { received: true, outcome: 'ignored' };
  try {
    await converge(deps, event.type, objectId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await repo.markEvent(deps.db, event.id, { status: 'failed', processedAt: null, lastError: message });
    throw error;
  }
  await repo.markEvent(deps.db, event.id, {
    status: 'processed',
    processedAt: deps.clock.now().toISOString(),
    lastError: null,
  });
  return { received: true, outcome: 'processed' };
}
