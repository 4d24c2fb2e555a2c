// Test support: an in-memory emulator, the real `stripe` SDK wired to it in-process, a movable clock,
// and small helpers for the hosted page and the /_emulator routes. Used only by *.test.ts.
import Stripe from 'stripe';
import { createStripeEmulator, type StripeEmulatorOptions } from '../app.ts';

export const PUBLIC_URL = 'http://emulator.test';
export const START = new Date('2026-11-23T12:00:00Z');

export type TestEmulator = ReturnType<typeof createTestEmulator>;

export function createTestEmulator(options: Partial<StripeEmulatorOptions> = {}) {
  let now = START.getTime();
  const emulator = createStripeEmulator({
    databasePath: ':memory:',
    publicUrl: PUBLIC_URL,
    now: () => new Date(now),
    webhookRetryBaseMs: 10,
    ...options,
  });
  const fetchFromEmulator = (input: string | URL | Request, init?: RequestInit) =>
    emulator.fetch(new Request(input, init));
  const stripe = new Stripe('sk_test_emulator', {
    httpClient: Stripe.createFetchHttpClient(fetchFromEmulator as typeof fetch),
    host: 'emulator.test',
    port: 80,
    protocol: 'http',
    maxNetworkRetries: 0,
  });

  /** Calls a test helper with a JSON body and returns the parsed JSON reply. */
  async function helper<T = Record<string, unknown>>(
    path: string,
    body?: unknown,
    method = 'POST',
  ): Promise<T> {
    const response = await emulator.fetch(
      new Request(`${PUBLIC_URL}/_emulator${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`helper ${path} failed: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** A browser-like request to a hosted page (redirects are returned, not followed). */
  function page(path: string, form?: Record<string, string>): Promise<Response> {
    const url = path.startsWith('http') ? path : `${PUBLIC_URL}${path}`;
    return emulator.fetch(
      new Request(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        ...(form
          ? {
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams(form),
            }
          : {}),
      }),
    );
  }

  return {
    emulator,
    stripe,
    helper,
    page,
    clock: {
      now: () => new Date(now),
      advanceDays(days: number) {
        now += days * 24 * 60 * 60 * 1000;
      },
      advanceSeconds(seconds: number) {
        now += seconds * 1000;
      },
    },
    close: () => emulator.close(),
  };
}

/** A payment-mode Checkout Session for `amount` minor units, as the portal creates them. */
export function createPaymentSession(
  stripe: Stripe,
  params: Partial<Stripe.Checkout.SessionCreateParams> & { amount?: number; currency?: string } = {},
) {
  const { amount = 12_000, currency = 'usd', ...rest } = params;
  return stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: { currency, unit_amount: amount, product_data: { name: 'Annual renewal' } },
      },
    ],
    success_url: 'https://portal.test/paid?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://portal.test/cancelled',
    ...rest,
  });
}

/** Form fields for the hosted checkout page. */
export function cardForm(number: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    number,
    expiry: '12 / 30',
    cvc: number.startsWith('37') ? '1234' : '123',
    name: 'Ada Lovelace',
    ...extra,
  };
}
