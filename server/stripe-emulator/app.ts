// The Stripe emulator: a stateful Hono app serving the subset of Stripe's REST API the portal uses
// (so the official SDK works against it unchanged), its hosted pages, and test helpers.
import { Hono, type MiddlewareHandler } from 'hono';
import type { Emu, Logger } from './context.ts';
import type { Includables } from './expand.ts';
import { hostedRoutes } from './hosted-routes.ts';
import { createApiRouter, secretsEqual } from './http.ts';
import { registerBalanceTransactions } from './resources/balance-transactions.ts';
import { registerCharges } from './resources/charges.ts';
import { registerCheckoutSessions } from './resources/checkout-sessions.ts';
import { registerCustomers } from './resources/customers.ts';
import { registerDisputes } from './resources/disputes.ts';
import { registerEvents } from './resources/events.ts';
import { lineItemsOf } from './resources/line-items.ts';
import { registerPaymentIntents } from './resources/payment-intents.ts';
import { registerPaymentMethods } from './resources/payment-methods.ts';
import { registerPayouts } from './resources/payouts.ts';
import { refundsOfCharge, registerRefunds } from './resources/refunds.ts';
import { registerSetupIntents } from './resources/setup-intents.ts';
import { openStore } from './store.ts';
import { applyTimeBasedTransitions } from './sweeps.ts';
import { testHelperRoutes } from './test-helpers.ts';
import { createWebhookDispatcher, type WebhookEndpoint } from './webhooks.ts';

export type StripeEmulatorOptions = {
  /** SQLite file (created with its directory if missing), or ':memory:'. */
  databasePath: string;
  /** Base URL where a browser reaches the emulator; used in Checkout Session `url` and 3-D Secure links. */
  publicUrl: string;
  /** Clock for `created` and other timestamps; defaults to the system clock. */
  now?: () => Date;
  webhookEndpoints?: WebhookEndpoint[];
  /** First retry delay of a failed webhook delivery, doubled on each attempt (default 1000). */
  webhookRetryBaseMs?: number;
  /** Attempts per delivery before giving up (default 8). */
  webhookMaxAttempts?: number;
  /** Delivers webhooks through this function instead of the network, e.g. `portalApp.fetch` in tests. */
  webhookFetch?: (request: Request) => Promise<Response>;
  logger?: Logger;
  /** The one secret key the API accepts (the portal's); without it, any `sk_test_…` key (in-process tests). */
  apiKey?: string;
  /** Required (header `X-Emulator-Secret`) by the control endpoints under /_emulator, which are not Stripe's
   * API: webhook endpoints, clock, completion helpers, payouts, disputes. Without it they are open (tests). */
  controlSecret?: string;
};

export type StripeEmulator = {
  app: Hono;
  /** `app.fetch`, for in-process use with `Stripe.createFetchHttpClient`. */
  fetch: (request: Request) => Promise<Response>;
  setWebhookEndpoints(endpoints: WebhookEndpoint[]): void;
  /** Resolves when no delivery is pending or in flight (deliveries past the attempt cap are given up). */
  settleWebhooks(): Promise<void>;
  close(): void;
};

const silent: Logger = { info() {}, warn() {} };

export const CONTROL_SECRET_HEADER = 'x-emulator-secret';

/** The control endpoints answer 401 without the control secret; only the health probe stays open. */
function requireControlSecret(secret: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path === '/_emulator/health') return next();
    const given = c.req.header(CONTROL_SECRET_HEADER);
    if (!given || !secretsEqual(given, secret)) {
      return c.json(
        { error: { type: 'invalid_request_error', message: 'Emulator control secret required.' } },
        401,
      );
    }
    return next();
  };
}

/** Fields Stripe leaves out unless expanded. */
const includables: Includables = {
  charge: { refunds: (emu, charge) => refundsOfCharge(emu, charge) },
  'checkout.session': { line_items: (emu, session) => lineItemsOf(emu, String(session.id), { limit: 100 }) },
};

export function createStripeEmulator(options: StripeEmulatorOptions): StripeEmulator {
  const store = openStore(options.databasePath);
  const logger = options.logger ?? silent;
  const clock = options.now ?? (() => new Date());
  const webhooks = createWebhookDispatcher({
    store,
    endpoints: options.webhookEndpoints ?? [],
    baseDelayMs: options.webhookRetryBaseMs ?? 1000,
    maxAttempts: options.webhookMaxAttempts ?? 8,
    logger,
    ...(options.webhookFetch ? { send: options.webhookFetch } : {}),
  });
  const emu: Emu = {
    store,
    now: () => Math.floor(clock().getTime() / 1000),
    publicUrl: options.publicUrl.replace(/\/+$/, ''),
    webhooks,
    logger,
  };

  const api = createApiRouter(emu, includables, () => applyTimeBasedTransitions(emu), options.apiKey);
  registerCustomers(api);
  registerPaymentMethods(api);
  registerCheckoutSessions(api);
  registerPaymentIntents(api);
  registerSetupIntents(api);
  registerCharges(api);
  registerRefunds(api);
  registerDisputes(api);
  registerBalanceTransactions(api);
  registerPayouts(api);
  registerEvents(api);

  const app = new Hono();
  app.route('/', api.app);
  if (options.controlSecret) app.use('/_emulator/*', requireControlSecret(options.controlSecret));
  app.route('/_emulator', testHelperRoutes(emu));
  app.route('/', hostedRoutes(emu));
  app.notFound((c) => {
    if (!c.req.path.startsWith('/v1/')) return c.text('Not found', 404);
    const message = `Unrecognized request URL (${c.req.method}: ${c.req.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`;
    return c.json({ error: { type: 'invalid_request_error', message } }, 404);
  });

  // Deliveries left pending by a previous run resume now.
  webhooks.kick();

  return {
    app,
    fetch: async (request) => app.fetch(request),
    setWebhookEndpoints: (endpoints) => webhooks.setEndpoints(endpoints),
    settleWebhooks: () => webhooks.settle(),
    close() {
      webhooks.close();
      store.close();
    },
  };
}
