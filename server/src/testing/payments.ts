// Helpers for the payment tests (used by *.test.ts only): quotes through the real API, checkouts, paying a
// session on the emulator as its hosted page would, and delivering signed (or badly signed) webhooks.

import type { TQuote } from '@portal/shared/schemas/offers';
import type {
  TCheckoutConsentTerms,
  TCheckoutResponse,
  TCheckoutStatus,
} from '@portal/shared/schemas/payments';
import { expect } from 'vitest';
import { EMULATOR_WEBHOOK_SECRET } from '../platform/stripe/client.ts';
import type { TestClient, TestContext } from './harness.ts';

export const SUPPORT = 'sub_nw_support';

export async function makeQuote(
  client: TestClient,
  subscriptionId: string,
  body: { kind: 'renew' | 'upgrade' | 'seats'; planCode: string; termYears?: 1 | 2 | 3; seats: number },
): Promise<TQuote> {
  const response = await client.post(`/api/subscriptions/${subscriptionId}/quotes`, body);
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return ((await response.json()) as { quote: TQuote }).quote;
}

/** The auto-renew terms the checkout form shows under "renew automatically next time". */
export async function checkoutTerms(client: TestClient, quoteId: string) {
  const response = await client.get(`/api/quotes/${quoteId}/checkout-terms`);
  return ((await response.json()) as { terms: TCheckoutConsentTerms | null }).terms;
}

/**
 * Starts a checkout as the web form does: with "renew automatically" ticked it names the terms the form showed
 * (unless the body names some already).
 */
export async function startCheckout(client: TestClient, quoteId: string, body: unknown = {}) {
  const options = body as { renewAutomatically?: unknown; consentTermsHash?: string };
  const isConsenting = options.renewAutomatically === true && !('consentTermsHash' in options);
  const sent = isConsenting
    ? { ...options, consentTermsHash: (await checkoutTerms(client, quoteId))?.hash }
    : body;
  const response = await client.post(`/api/quotes/${quoteId}/checkout`, sent);
  const json = (await response.json()) as {
    checkout?: TCheckoutResponse;
    error?: { code: string; message: string };
  };
  return { response, checkout: json.checkout as TCheckoutResponse, error: json.error };
}

export type PayOutcome = {
  status: 'complete' | 'requires_action' | 'declined';
  payment_intent: string | null;
  redirect_url: string | null;
  error: { message: string; code: string; decline_code: string | null } | null;
};

/** Calls an `/_emulator` test helper with a JSON body. */
export async function emulatorHelper<T>(
  ctx: Pick<TestContext, 'emulator'>,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await ctx.emulator.fetch(
    new Request(`http://stripe.test/_emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    }),
  );
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Pays a Checkout Session as the hosted page would (default card 4242…), then lets the webhooks arrive. */
export async function pay(
  ctx: TestContext,
  sessionId: string,
  card: { card_number?: string; three_d_secure?: 'approve' | 'fail' } = {},
  options: { settle?: boolean } = {},
): Promise<PayOutcome> {
  const outcome = await emulatorHelper<PayOutcome>(ctx, `/checkout/sessions/${sessionId}/complete`, card);
  if (options.settle !== false) await ctx.emulator.settleWebhooks();
  return outcome;
}

export async function checkoutStatus(client: TestClient, sessionId: string): Promise<TCheckoutStatus> {
  const response = await client.get(`/api/checkout/sessions/${sessionId}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { checkout: TCheckoutStatus }).checkout;
}

/** Posts a webhook to the portal, signed with the given secret (the emulator's by default), or unsigned. */
export async function deliverWebhook(
  ctx: TestContext,
  payload: string,
  signing: { secret?: string; signature?: string | null } = {},
): Promise<Response> {
  const headers = new Headers({ 'content-type': 'application/json' });
  const signature =
    signing.signature !== undefined
      ? signing.signature
      : ctx.stripe.client.webhooks.generateTestHeaderString({
          payload,
          secret: signing.secret ?? EMULATOR_WEBHOOK_SECRET,
        });
  if (signature !== null) headers.set('stripe-signature', signature);
  return ctx.app.request('/api/webhooks/stripe', { method: 'POST', headers, body: payload });
}

export async function count(
  ctx: TestContext,
  table:
    | 'payments'
    | 'invoices'
    | 'fulfilments'
    | 'checkout_sessions'
    | 'stripe_events'
    | 'refunds'
    | 'disputes'
    | 'credit_notes'
    | 'email_outbox',
): Promise<number> {
  const row = await ctx.db.selectFrom(table).select(ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function subscriptionRow(ctx: TestContext, id: string) {
  return ctx.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A Checkout Session for a quote made outside the portal's guard (a stale tab, a replayed link, another system). */
export async function straySession(ctx: TestContext, quoteId: string, amountMinor: number) {
  const customer = await ctx.db
    .selectFrom('accounts')
    .select('stripe_customer_id')
    .where('id', '=', 'acct_northwind')
    .executeTakeFirstOrThrow();
  return ctx.stripe.client.checkout.sessions.create({
    mode: 'payment',
    customer: String(customer.stripe_customer_id),
    line_items: [
      { quantity: 1, price_data: { currency: 'usd', unit_amount: amountMinor, product_data: { name: 'x' } } },
    ],
    metadata: { quote_id: quoteId },
    payment_intent_data: { metadata: { quote_id: quoteId } },
    success_url: 'http://portal.test/x',
  });
}
