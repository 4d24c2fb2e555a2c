// Webhook deliveries: signatures verified by the SDK, asynchronous delivery, retries with backoff, settling.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { createPaymentSession, createTestEmulator, type TestEmulator } from './testing/harness.ts';

type Received = { at: number; body: string; signature: string };

/** A webhook receiver that answers `statuses` in turn (then 200) and records every request. */
async function startReceiver(
  statuses: number[] = [],
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        at: performance.now(),
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['stripe-signature']),
      });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks/stripe`, received, server };
}

const SECRET = 'whsec_test_secret';
let t: TestEmulator | undefined;
let servers: Server[] = [];

afterEach(async () => {
  t?.close();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  servers = [];
});

describe('webhook deliveries', () => {
  it('delivers every event, signed so that stripe.webhooks.constructEvent verifies it', async () => {
    const receiver = await startReceiver();
    servers.push(receiver.server);
    t = createTestEmulator({ webhookEndpoints: [{ url: receiver.url, secret: SECRET }] });
    const session = await createPaymentSession(t.stripe);
    await t.helper(`/checkout/sessions/${session.id}/complete`, { card_number: '4242424242424242' });
    await t.emulator.settleWebhooks();

    const events = receiver.received.map((r) => Stripe.webhooks.constructEvent(r.body, r.signature, SECRET));
    expect(events.map((e) => e.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'charge.updated',
      'checkout.session.completed',
    ]);
    const completed = events.at(-1) as Stripe.CheckoutSessionCompletedEvent;
    expect(completed.data.object).toMatchObject({
      id: session.id,
      status: 'complete',
      payment_status: 'paid',
    });
    const chargeUpdated = events[3] as Stripe.ChargeUpdatedEvent;
    expect(chargeUpdated.data.previous_attributes).toEqual({ balance_transaction: null });

    expect(() =>
      Stripe.webhooks.constructEvent(
        receiver.received[0]?.body ?? '',
        receiver.received[0]?.signature ?? '',
        'whsec_wrong',
      ),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const stored = await t.stripe.events.retrieve(completed.id);
    expect(stored.pending_webhooks).toBe(0);
  });

  it('does not deliver inside the API request', async () => {
    const receiver = await startReceiver();
    servers.push(receiver.server);
    t = createTestEmulator({ webhookEndpoints: [{ url: receiver.url, secret: SECRET }] });
    await t.stripe.customers.create({ email: 'a@example.com' });
    expect(receiver.received).toHaveLength(0);
    await t.emulator.settleWebhooks();
    expect(receiver.received).toHaveLength(1);
  });

  it('retries with exponential backoff until the endpoint answers 2xx', async () => {
    const receiver = await startReceiver([500, 503]);
    servers.push(receiver.server);
    t = createTestEmulator({
      webhookEndpoints: [{ url: receiver.url, secret: SECRET }],
      webhookRetryBaseMs: 40,
    });
    const customer = await t.stripe.customers.create({});
    await t.emulator.settleWebhooks();

    expect(receiver.received).toHaveLength(3);
    const [first, second, third] = receiver.received.map((r) => r.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(35);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(75);
    const ids = receiver.received.map((r) => (JSON.parse(r.body) as Stripe.Event).id);
    expect(new Set(ids).size).toBe(1);

    const deliveries = await t.helper<{ data: { status: string; attempts: number; last_status: number }[] }>(
      '/webhooks/deliveries',
      undefined,
      'GET',
    );
    expect(deliveries.data[0]).toMatchObject({ status: 'succeeded', attempts: 3, last_status: 200 });
    const event = await t.stripe.events.list({ type: 'customer.created' });
    expect(event.data[0]?.data.object).toMatchObject({ id: customer.id });
  });

  it('gives up after the attempt cap so that settling ends', async () => {
    const receiver = await startReceiver([500, 500, 500, 500]);
    servers.push(receiver.server);
    t = createTestEmulator({
      webhookEndpoints: [{ url: receiver.url, secret: SECRET }],
      webhookRetryBaseMs: 5,
      webhookMaxAttempts: 3,
    });
    await t.stripe.customers.create({});
    const summary = await t.helper<{ failed: number; pending: number }>('/webhooks/settle');
    expect(summary).toMatchObject({ failed: 1, pending: 0 });
    expect(receiver.received).toHaveLength(3);
  });

  it('can deliver in-process through webhookFetch', async () => {
    const bodies: string[] = [];
    t = createTestEmulator({
      webhookEndpoints: [{ url: 'http://portal.test/api/stripe/webhook', secret: SECRET }],
      webhookFetch: async (request) => {
        const body = await request.text();
        Stripe.webhooks.constructEvent(body, request.headers.get('stripe-signature') ?? '', SECRET);
        bodies.push(body);
        return new Response(null, { status: 204 });
      },
    });
    await t.stripe.customers.create({});
    await t.emulator.settleWebhooks();
    expect(bodies).toHaveLength(1);
  });

  it('switches endpoints at runtime', async () => {
    const a = await startReceiver();
    const b = await startReceiver();
    servers.push(a.server, b.server);
    t = createTestEmulator({ webhookEndpoints: [{ url: a.url, secret: SECRET }] });
    await t.stripe.customers.create({});
    await t.emulator.settleWebhooks();
    t.emulator.setWebhookEndpoints([{ url: b.url, secret: 'whsec_other' }]);
    await t.stripe.customers.create({});
    await t.emulator.settleWebhooks();
    expect([a.received.length, b.received.length]).toEqual([1, 1]);
    expect(() =>
      Stripe.webhooks.constructEvent(
        b.received[0]?.body ?? '',
        b.received[0]?.signature ?? '',
        'whsec_other',
      ),
    ).not.toThrow();
  });
});
