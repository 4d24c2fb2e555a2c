// Test-helper routes under /_emulator (not Stripe's API, JSON in and out, see README.md): pay a Checkout
// Session without a browser, answer 3-D Secure, disputes, payouts, the clock, webhook deliveries.
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { cardByKey, cardByNumber, luhnValid } from './cards.ts';
import { API_VERSION, AUTOMATIC, type Emu, transact } from './context.ts';
import { errorResponseBody, invalidRequest, StripeApiError } from './errors.ts';
import { assertCurrency, assertRate } from './money.ts';
import { SETTLEMENT_SETTING } from './resources/balance-transactions.ts';
import {
  authenticateIntent,
  type CheckoutOutcome,
  payCheckoutSession,
} from './resources/checkout-completion.ts';
import { closeDispute, openDispute } from './resources/disputes.ts';
import { listEvents } from './resources/events.ts';
import { runPayouts, settlePayout } from './resources/payouts.ts';
import { applyTimeBasedTransitions } from './sweeps.ts';

const CompleteBody = z.strictObject({
  card_number: z.string().optional(),
  payment_method: z.string().optional(),
  exp_month: z.number().int().min(1).max(12).optional(),
  exp_year: z.number().int().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  three_d_secure: z.enum(['approve', 'fail']).optional(),
});
const AuthenticateBody = z.strictObject({ result: z.enum(['approve', 'fail']) });
const DisputeBody = z.strictObject({
  reason: z.string().optional(),
  amount: z.number().int().positive().optional(),
});
const CloseDisputeBody = z.strictObject({ status: z.enum(['won', 'lost']) });
const PayoutStatus = z.enum(['paid', 'in_transit', 'failed']);
const RunPayoutsBody = z.strictObject({ status: PayoutStatus.optional() });
const SettlePayoutBody = z.strictObject({ status: PayoutStatus });
const EndpointsBody = z.strictObject({
  endpoints: z.array(z.strictObject({ url: z.url(), secret: z.string().min(1) })),
});
const SettlementBody = z.strictObject({
  currency: z.string(),
  rates: z.record(z.string(), z.string()),
});
const EventsQuery = z.strictObject({
  type: z.string().optional(),
  limit: z.coerce.number().int().optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
});

async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const raw = await c.req.text();
  let value: unknown = {};
  if (raw.trim()) {
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalidRequest('Test helpers take a JSON body.');
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(`Invalid test helper body: ${z.prettifyError(result.error)}`);
  return result.data;
}

function describeCheckout(outcome: CheckoutOutcome) {
  const session = outcome.session;
  return {
    status: outcome.status,
    checkout_session: session,
    payment_intent: session.payment_intent,
    setup_intent: session.setup_intent,
    redirect_url: outcome.status === 'declined' ? null : outcome.redirectUrl,
    error:
      outcome.status === 'declined'
        ? { message: outcome.message, code: outcome.code, decline_code: outcome.declineCode }
        : null,
  };
}

function completeCheckout(emu: Emu, sessionId: string, input: z.output<typeof CompleteBody>) {
  const card = input.payment_method
    ? cardByKey(input.payment_method.replace(/^pm_card_/, ''))
    : cardByNumber((input.card_number ?? '4242424242424242').replace(/\s/g, ''));
  if (!card || (input.card_number && !luhnValid(card.number))) {
    throw invalidRequest('Unknown test card; pass a valid card_number or a pm_card_* payment_method.');
  }
  const nextYear = new Date(emu.now() * 1000).getUTCFullYear() + 1;
  let outcome = payCheckoutSession(emu, AUTOMATIC, sessionId, {
    card,
    expMonth: input.exp_month ?? 12,
    expYear: input.exp_year ?? nextYear,
    name: input.name ?? 'Test Customer',
    email: input.email ?? 'customer@example.com',
  });
  if (outcome.status === 'requires_action' && input.three_d_secure) {
    const intentId = String(outcome.session.payment_intent ?? outcome.session.setup_intent);
    outcome =
      authenticateIntent(emu, AUTOMATIC, intentId, input.three_d_secure === 'approve').checkout ?? outcome;
  }
  return describeCheckout(outcome);
}

export function testHelperRoutes(emu: Emu): Hono {
  const app = new Hono();
  /** Runs a state change like an API request would: clock first, one transaction. */
  const change = <T>(fn: () => T): T =>
    transact(emu, () => {
      applyTimeBasedTransitions(emu);
      return fn();
    });

  app.onError((error, c) => {
    if (error instanceof StripeApiError) return c.json(errorResponseBody(error), error.status as 400);
    emu.logger.warn({ err: error }, 'stripe-emulator: test helper failed');
    return c.json({ error: { type: 'api_error', message: String(error) } }, 500);
  });

  app.get('/health', (c) => c.json({ ok: true, api_version: API_VERSION, now: emu.now() }, 200));
  app.post('/tick', (c) => c.json({ now: change(() => emu.now()) }, 200));

  app.post('/checkout/sessions/:id/complete', async (c) => {
    const input = await body(c, CompleteBody);
    return c.json(
      change(() => completeCheckout(emu, c.req.param('id'), input)),
      200,
    );
  });
  app.post('/intents/:id/authenticate', async (c) => {
    const { result } = await body(c, AuthenticateBody);
    const outcome = change(() => authenticateIntent(emu, AUTOMATIC, c.req.param('id'), result === 'approve'));
    return c.json(
      { intent: outcome.intent, checkout: outcome.checkout ? describeCheckout(outcome.checkout) : null },
      200,
    );
  });

  app.post('/charges/:id/dispute', async (c) => {
    const input = await body(c, DisputeBody);
    return c.json(
      change(() => openDispute(emu, AUTOMATIC, c.req.param('id'), input)),
      200,
    );
  });
  app.post('/disputes/:id/close', async (c) => {
    const { status } = await body(c, CloseDisputeBody);
    return c.json(
      change(() => closeDispute(emu, AUTOMATIC, c.req.param('id'), status)),
      200,
    );
  });

  app.post('/payouts/run', async (c) => {
    const { status } = await body(c, RunPayoutsBody);
    return c.json({ payouts: change(() => runPayouts(emu, AUTOMATIC, status ?? 'paid')) }, 200);
  });
  app.post('/payouts/:id/settle', async (c) => {
    const { status } = await body(c, SettlePayoutBody);
    return c.json(
      change(() => settlePayout(emu, AUTOMATIC, c.req.param('id'), status)),
      200,
    );
  });

  app.get('/events', (c) => {
    const query = EventsQuery.safeParse(c.req.query());
    if (!query.success) throw invalidRequest(z.prettifyError(query.error));
    return c.json(listEvents(emu, query.data), 200);
  });

  app.post('/webhooks/settle', async (c) => {
    await emu.webhooks.settle();
    const deliveries = emu.webhooks.list(1000);
    const count = (status: string) => deliveries.filter((d) => d.status === status).length;
    return c.json({ succeeded: count('succeeded'), failed: count('failed'), pending: count('pending') }, 200);
  });
  app.get('/webhooks/deliveries', (c) => {
    const limit = Number(c.req.query('limit') ?? 100);
    return c.json({ data: emu.webhooks.list(Number.isInteger(limit) && limit > 0 ? limit : 100) }, 200);
  });
  // The account's settlement currency and exchange rates (charges in other currencies settle converted).
  app.get('/settlement', (c) => c.json({ settlement: emu.store.setting(SETTLEMENT_SETTING) ?? null }, 200));
  app.put('/settlement', async (c) => {
    const settlement = await body(c, SettlementBody);
    const rates = Object.fromEntries(
      Object.entries(settlement.rates).map(([currency, rate]) => [currency.toLowerCase(), rate]),
    );
    for (const [currency, rate] of Object.entries(rates)) assertRate(rate, `rates[${currency}]`);
    const value = { currency: assertCurrency(settlement.currency), rates };
    emu.store.setSetting(SETTLEMENT_SETTING, value);
    return c.json({ settlement: value }, 200);
  });
  app.get('/webhooks/endpoints', (c) => c.json({ endpoints: emu.webhooks.getEndpoints() }, 200));
  app.put('/webhooks/endpoints', async (c) => {
    const { endpoints } = await body(c, EndpointsBody);
    emu.webhooks.setEndpoints(endpoints);
    return c.json({ endpoints }, 200);
  });

  return app;
}
