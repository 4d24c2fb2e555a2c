// Test helpers for the finance feature (tests only): money moved at the in-process Stripe emulator through the
// SDK and its test helpers, the clock moved on, and a Stripe client whose transport can fail on purpose.

import type { AppDeps } from '../platform/http/context.ts';
import { createStripeClient, type Stripe } from '../platform/stripe/client.ts';
import type { TestContext } from './harness.ts';

/** A succeeded card payment at the emulator; no portal record is made. */
export async function chargeCard(
  stripe: Stripe,
  input: { amount: number; currency: string; customer?: string; metadata?: Record<string, string> },
): Promise<{ paymentIntentId: string; chargeId: string }> {
  const intent = await stripe.paymentIntents.create({
    amount: input.amount,
    currency: input.currency,
    payment_method: 'pm_card_visa',
    confirm: true,
    ...(input.customer ? { customer: input.customer } : {}),
    ...(input.metadata ? { metadata: input.metadata } : {}),
  });
  const chargeId = typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge?.id;
  if (intent.status !== 'succeeded' || !chargeId) throw new Error(`charge failed: ${intent.status}`);
  return { paymentIntentId: intent.id, chargeId };
}

/** POSTs to the emulator's `/_emulator/...` test helpers. */
export async function emulatorHelper<T = unknown>(
  fetchEmulator: (request: Request) => Promise<Response>,
  path: string,
  body: unknown = {},
): Promise<T> {
  const response = await fetchEmulator(
    new Request(`http://stripe.test/_emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export function advanceClock(ctx: TestContext, days: number): void {
  ctx.clock.set(new Date(ctx.clock.now().getTime() + days * 86_400_000).toISOString());
}

export type Transport = (request: Request) => Promise<Response>;

/** The same deps with a Stripe client whose requests go through `transport` (which may fail or count). */
export function withTransport(deps: AppDeps, transport: Transport): AppDeps {
  return {
    ...deps,
    stripe: { ...deps.stripe, client: createStripeClient({ kind: 'in-process', fetch: transport }) },
  };
}

export function stripeError(status: number, type: string, message: string): Response {
  return new Response(JSON.stringify({ error: { type, message } }), {
    status,
    headers: { 'content-type': 'application/json', 'request-id': 'req_test' },
  });
}
