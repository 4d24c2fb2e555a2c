// The only module that imports the Stripe SDK. It builds the client for the real Stripe (STRIPE_SECRET_KEY) or
// for the project's emulator (over a port, or in-process in tests); the rest of the portal cannot tell which.

import Stripe from 'stripe';

/** The Stripe API version the portal is written against, pinned here and nowhere else. */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const satisfies typeof Stripe.API_VERSION;

/** The key of an in-process emulator (tests); the portal's own emulator takes a random one per start. */
export const EMULATOR_SECRET_KEY = 'sk_test_emulator_local';
/** Signs the emulator's webhooks when no STRIPE_WEBHOOK_SECRET is configured. */
export const EMULATOR_WEBHOOK_SECRET = 'whsec_emulator_local_development_only';

export type StripeTarget =
  | { kind: 'stripe'; secretKey: string }
  | { kind: 'emulator'; url: string; secretKey: string }
  | { kind: 'in-process'; fetch: (request: Request) => Promise<Response> };

export type StripeClient = Stripe;
export type { Stripe };
export const StripeErrors = Stripe.errors;

export function createStripeClient(target: StripeTarget): Stripe {
  const common = { apiVersion: STRIPE_API_VERSION, maxNetworkRetries: 2, timeout: 30_000 } as const;
  switch (target.kind) {
    case 'stripe':
      return new Stripe(target.secretKey, common);
    case 'emulator': {
      const url = new URL(target.url);
      return new Stripe(target.secretKey, {
        ...common,
        host: url.hostname,
        port: url.port || (url.protocol === 'https:' ? 443 : 80),
        protocol: url.protocol === 'https:' ? 'https' : 'http',
      });
    }
    case 'in-process':
      return new Stripe(EMULATOR_SECRET_KEY, {
        ...common,
        host: 'stripe-emulator.internal',
        protocol: 'http',
        httpClient: Stripe.createFetchHttpClient((input, init) => target.fetch(new Request(input, init))),
      });
    default: {
      const unreachable: never = target;
      return unreachable;
    }
  }
}

/** Verifies a webhook's signature on its raw body; throws Stripe's signature error when it does not match. */
export function constructWebhookEvent(
  stripe: Stripe,
  rawBody: string,
  signature: string,
  secret: string,
): Stripe.Event {
  return stripe.webhooks.constructEvent(rawBody, signature, secret);
}
