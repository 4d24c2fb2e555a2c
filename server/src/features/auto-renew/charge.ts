// The off-session charge of an automatic renewal, and its outcome in the renewal's own words. One
// PaymentIntent per attempt, created and confirmed at once with an idempotency key naming that one request:
// the ledger key of the term it pays for (`charge:<subscription>:<termEnd>`, `…:<attempt>` for dunning
// retries after a definite decline) and a digest of its parameters, so a retry, a crash or a second runner
// gets Stripe's stored answer instead of a second charge. Stripe keeps keys for 24
// hours; a claim resumed later first looks for the intent by its metadata before creating one.

import type { Stripe, StripeClient } from '../../platform/stripe/client.ts';
import { StripeErrors } from '../../platform/stripe/client.ts';
import { requestHash } from '../payments/service.ts';

export type ChargeRequest = {
  customerId: string;
  paymentMethodId: string;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
  metadata: { quote_id: string; subscription_id: string; renewal_id: string; charge_key: string };
  /** The claim was taken over from a runner that stopped: look for its intent before creating one. */
  isResumed: boolean;
  /** When the claim was first recorded (no intent of this charge is older). */
  claimedAt: Date;
};

export type ChargeOutcome =
  | { kind: 'succeeded'; paymentIntent: Stripe.PaymentIntent }
  | { kind: 'requires_action'; paymentIntentId: string | null; code: string; message: string }
  | {
      kind: 'declined';
      paymentIntentId: string | null;
      code: string;
      declineCode: string | null;
      message: string;
    };

/** Throws for a failure that says nothing about the card (network, Stripe down, rate limit): try again later. */
export type ChargeFn = (request: ChargeRequest) => Promise<ChargeOutcome>;

function intentId(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'id' in value && typeof value.id === 'string') return value.id;
  return null;
}

export function outcomeOfIntent(intent: Stripe.PaymentIntent): ChargeOutcome | null {
  switch (intent.status) {
    case 'succeeded':
      return { kind: 'succeeded', paymentIntent: intent };
    case 'requires_action':
      return {
        kind: 'requires_action',
        paymentIntentId: intent.id,
        code: 'authentication_required',
        message: 'The bank asks the cardholder to confirm this payment.',
      };
    case 'requires_payment_method': {
      const error = intent.last_payment_error;
      if (!error) return null;
      if (error.code === 'authentication_required') {
        return {
          kind: 'requires_action',
          paymentIntentId: intent.id,
          code: 'authentication_required',
          message: error.message ?? 'The bank asks the cardholder to confirm this payment.',
        };
      }
      return {
        kind: 'declined',
        paymentIntentId: intent.id,
        code: error.code ?? 'card_declined',
        declineCode: error.decline_code ?? null,
        message: error.message ?? 'The card was declined.',
      };
    }
    default:
      // processing, requires_confirmation, requires_capture, canceled: not an outcome of this charge yet.
      return null;
  }
}

async function findEarlierIntent(stripe: StripeClient, request: ChargeRequest) {
  const page = await stripe.paymentIntents.list({
    customer: request.customerId,
    created: { gte: Math.floor(request.claimedAt.getTime() / 1000) - 60 },
    limit: 100,
  });
  return page.data.find((intent) => intent.metadata?.charge_key === request.metadata.charge_key) ?? null;
}

/**
 * An off-session card charge as Stripe documents it: the customer and its saved payment method, `off_session`
 * and `confirm` together, and no redirect-based method (with automatic payment methods, the default of this
 * API version, Stripe otherwise refuses to confirm without a `return_url` nobody could follow off-session).
 */
export function offSessionParams(request: ChargeRequest): Stripe.PaymentIntentCreateParams {
  return {
    customer: request.customerId,
    payment_method: request.paymentMethodId,
    amount: request.amountMinor,
    currency: request.currency.toLowerCase(),
    off_session: true,
    confirm: true,
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    metadata: request.metadata,
    description: `Automatic renewal (${request.metadata.charge_key})`,
  };
}

/** The charge through the Stripe SDK (real Stripe or the emulator: the code cannot tell). */
export function stripeCharge(stripe: StripeClient): ChargeFn {
  return async (request) => {
    if (request.isResumed) {
      const earlier = await findEarlierIntent(stripe, request);
      const outcome = earlier ? outcomeOfIntent(earlier) : null;
      if (outcome) return outcome;
    }
    const params = offSessionParams(request);
    try {
      // The key names exactly this request: the attempt's ledger key and a digest of its parameters, so a
      // resumed attempt with another card or amount never reuses a key Stripe saw with other parameters.
      const intent = await stripe.paymentIntents.create(params, {
        idempotencyKey: `${request.idempotencyKey}:${requestHash(params)}`,
      });
      const outcome = outcomeOfIntent(intent);
      if (!outcome) throw new Error(`payment intent ${intent.id} is ${intent.status}`);
      return outcome;
    } catch (error) {
      if (error instanceof StripeErrors.StripeCardError) {
        const raw = error.raw as { payment_intent?: unknown } | undefined;
        const paymentIntentId = intentId(raw?.payment_intent ?? null);
        if (error.code === 'authentication_required') {
          return {
            kind: 'requires_action',
            paymentIntentId,
            code: 'authentication_required',
            message: error.message,
          };
        }
        return {
          kind: 'declined',
          paymentIntentId,
          code: error.code ?? 'card_declined',
          declineCode: error.decline_code ?? null,
          message: error.message,
        };
      }
      throw error;
    }
  };
}
