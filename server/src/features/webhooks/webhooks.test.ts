// Outbound events and webhooks (issue 13 items 5 and 7) against a real receiver on a free port: Standard
// Webhooks signatures checked with the `standardwebhooks` library, retries after 500s and timeouts, the
// endpoint auto-disabled after persistent failure (e-mail to ops), a delivery whose sender died sent again
// after a restart, replays, rotation with overlap, the polling feed's cursor (an event committed late is not
// skipped), and events that roll back with their change.

import type { TPortalEvent } from '@portal/shared/schemas/events';
import type { TWebhookDelivery, TWebhookEndpoint } from '@portal/shared/schemas/webhooks';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordEvent } from '../../platform/events/service.ts';
import { createApiKeyAsOps } from '../../testing/api-keys.ts';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import { makeQuote, pay, SUPPORT, startCheckout } from '../../testing/payments.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver.ts';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, sendDelivery, sendDueDeliveries } from './delivery.ts';
import { dispatchEvents } from './jobs.ts';

let ctx: TestContext;
let ops: TestClient;
let receiver: WebhookReceiver;

beforeEach(async () => {
  ctx = await createTestContext();
  ops = await ctx.signedIn('ops@vendor.example');
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await receiver.close();
  await ctx.dispose();
});

async function addEndpoint(body: { eventTypes?: string[]; url?: string } = {}) {
  const response = await ops.post('/api/ops/webhooks', {
    url: receiver.url,
    description: 'Licence server',
    ...body,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { endpoint: TWebhookEndpoint; secret: string };
}

async function deliveriesOf(endpointId: string) {
  const response = await ops.get(`/api/ops/webhooks/${endpointId}/deliveries`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { deliveries: TWebhookDelivery[] }).deliveries;
}

function advance(ms: number) {
  ctx.clock.set(new Date(ctx.clock.now().getTime() + ms).toISOString());
}

/** A test event in the log, committed as a feature would (its own transaction). */
async function logEvent(type: TPortalEvent['type'] = 'subscription.renewed', id = SUPPORT) {
  return ctx.db.transaction().execute((tx) =>
    recordEvent(tx, {
      type,
      accountId: 'acct_northwind',
      subject: { type: 'subscription', id },
      data: { subscriptionId: id },
      at: ctx.clock.now(),
    }),
  );
}

function verified(secret: string, index: number) {
  const request = receiver.received[index];
  if (!request) throw new Error(`no request #${index}`);
  return new Webhook(secret).verify(request.body, request.headers) as Record<string, unknown>;
}

describe('a demo customer pays', () => {
  it('subscription.renewed arrives signed (webhook-id = the event id) with payment, quote and invoice events', async () => {
    const { secret } = await addEndpoint({ eventTypes: ['subscription.renewed'] });
    const alex = await ctx.signedIn('alex@northwind.example');
    const quote = await makeQuote(alex, SUPPORT, {
      kind: 'renew',
      planCode: 'starter',
      termYears: 1,
      seats: 30,
    });
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    await pay(ctx, checkout.sessionId);

    const types = (await ctx.db.selectFrom('events').select('type').orderBy('seq').execute()).map(
      (e) => e.type,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'quote.created',
        'payment.succeeded',
        'subscription.renewed',
        'invoice.issued',
      ]),
    );
    expect(types.indexOf('payment.succeeded')).toBeLessThan(types.indexOf('subscription.renewed'));

    await dispatchEvents(ctx);
    expect(await sendDueDeliveries(ctx)).toEqual(['succeeded']);
    expect(receiver.received).toHaveLength(1);
    const body = verified(secret, 0);
    expect(body).toMatchObject({ type: 'subscription.renewed', accountId: 'acct_northwind' });
    expect(body.data).toMatchObject({ subscriptionId: SUPPORT, quoteId: quote.id });
    expect(receiver.received[0]?.headers['webhook-id']).toBe(body.id);
    // A wrong secret does not verify.
    expect(() => verified(`whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`, 0)).toThrow();
  });
});

describe('retries', () => {
  it('after a 500: tried again on the backoff, each attempt logged with status and response excerpt', async () => {
    const { endpoint, secret } = await addEndpoint();
    receiver.script(500);
    await logEvent();
    await dispatchEvents(ctx);
    expect(await sendDueDeliveries(ctx)).toEqual(['retrying']);
    // Not due yet: nothing is sent.
    expect(await sendDueDeliveries(ctx)).toEqual([]);
    advance(RETRY_DELAYS_MS[0] ?? 0);
    expect(await sendDueDeliveries(ctx)).toEqual(['succeeded']);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]?.headers['webhook-id']).toBe(receiver.received[1]?.headers['webhook-id']);
    verified(secret, 1);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ state: 'succeeded', attemptCount: 2, lastStatus: 200 });
    expect(delivery?.attempts.map((a) => [a.statusCode, a.ok, a.responseExcerpt])).toEqual([
      [500, false, 'receiver says 500'],
      [200, true, 'ok'],
    ]);
  });

  it('after a timeout: the attempt says so and the next one goes through', async () => {
    const { endpoint } = await addEndpoint();
    receiver.script('hang');
    await logEvent();
    await dispatchEvents(ctx);
    expect(await sendDueDeliveries(ctx, { timeoutMs: 300 })).toEqual(['retrying']);
    advance(RETRY_DELAYS_MS[0] ?? 0);
    expect(await sendDueDeliveries(ctx, { timeoutMs: 300 })).toEqual(['succeeded']);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery?.attempts[0]).toMatchObject({ ok: false, statusCode: null });
    expect(delivery?.attempts[0]?.error).toMatch(/^timeout/);
    expect(delivery?.attempts[1]).toMatchObject({ ok: true, statusCode: 200 });
  });

  it('persistent failure for about three days: the delivery gives up, the endpoint is disabled, ops get an e-mail', async () => {
    const { endpoint } = await addEndpoint();
    receiver.setFallback(503);
    await logEvent();
    await dispatchEvents(ctx);
    const outcomes: string[] = [];
    let waited = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      outcomes.push(...(await sendDueDeliveries(ctx)));
      const delay = RETRY_DELAYS_MS[attempt - 1];
      if (delay !== undefined) {
        advance(delay);
        waited += delay;
      }
    }
    expect(outcomes).toEqual([...Array(MAX_ATTEMPTS - 1).fill('retrying'), 'failed']);
    expect(waited / 3_600_000).toBeGreaterThan(70);
    expect(waited / 3_600_000).toBeLessThan(80);
    const listed = (await (await ops.get(`/api/ops/webhooks/${endpoint.id}`)).json()) as {
      endpoint: TWebhookEndpoint;
    };
    expect(listed.endpoint).toMatchObject({ enabled: false, disabledReason: 'failing', failedDeliveries: 1 });
    const emails = await ctx.db
      .selectFrom('email_outbox')
      .select(['to_address', 'subject', 'locale'])
      .where('template', '=', 'webhook-endpoint-disabled')
      .execute();
    expect(emails).toEqual([
      {
        to_address: 'ops@vendor.example',
        subject: `Webhook endpoint disabled: ${receiver.url}`,
        locale: 'en',
      },
    ]);
    // Disabled: a new event makes no delivery; enabled again, it does.
    await logEvent();
    expect((await dispatchEvents(ctx)).deliveries).toBe(0);
    const enabled = await ops.request(`/api/ops/webhooks/${endpoint.id}`, {
      method: 'PATCH',
      json: { enabled: true },
    });
    expect(enabled.status).toBe(200);
    await logEvent();
    expect((await dispatchEvents(ctx)).deliveries).toBe(1);
  });
});

describe('a delivery killed mid-way', () => {
  it('is delivered again after the restart, once its sender is taken for dead; the attempt is logged as interrupted', async () => {
    const { endpoint, secret } = await addEndpoint();
    receiver.script('hang');
    await logEvent();
    await dispatchEvents(ctx);
    const [due] = await deliveriesOf(endpoint.id);
    // The sender claims it and posts; the receiver holds the request; the process dies before the answer.
    // (Its own copy of the dependencies: the restart below gives `ctx` a new database, not the dying process.)
    const dying = sendDelivery({ ...ctx }, due?.id ?? '', { timeoutMs: 60_000 }).catch(() => 'died');
    await receiver.waitFor(1);
    await ctx.restart();
    ops = await ctx.signedIn('ops@vendor.example');
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ state: 'sending', attemptCount: 1 });
    // Within the lease nobody else sends it.
    expect(await sendDueDeliveries(ctx)).toEqual([]);
    advance(3 * 60_000);
    expect(await sendDueDeliveries(ctx)).toEqual(['succeeded']);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]?.headers['webhook-id']).toBe(receiver.received[0]?.headers['webhook-id']);
    verified(secret, 1);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ state: 'succeeded', attemptCount: 2 });
    expect(delivery?.attempts.map((a) => a.error?.split(':')[0] ?? 'ok')).toEqual(['interrupted', 'ok']);
    await receiver.close();
    expect(await dying).toBe('died');
  });
});

describe('replay', () => {
  it('one delivery, or every event of a range: new deliveries with the same webhook-id', async () => {
    const { endpoint, secret } = await addEndpoint({ eventTypes: ['subscription.renewed'] });
    await logEvent();
    await logEvent('payment.succeeded');
    await dispatchEvents(ctx);
    await sendDueDeliveries(ctx);
    expect(receiver.received).toHaveLength(1);
    const [first] = await deliveriesOf(endpoint.id);
    const replay = await ops.post(`/api/ops/webhooks/${endpoint.id}/deliveries/${first?.id}/replay`);
    expect(replay.status).toBe(201);
    expect(await sendDueDeliveries(ctx)).toEqual(['succeeded']);
    expect(receiver.received[1]?.headers['webhook-id']).toBe(receiver.received[0]?.headers['webhook-id']);
    verified(secret, 1);

    advance(60_000);
    await logEvent();
    await dispatchEvents(ctx);
    await sendDueDeliveries(ctx);
    const range = await ops.post(`/api/ops/webhooks/${endpoint.id}/replay`, {
      from: '2026-11-23T00:00:00.000Z',
      to: ctx.clock.now().toISOString(),
    });
    expect(await range.json()).toEqual({ queued: 2 });
    expect(await sendDueDeliveries(ctx)).toEqual(['succeeded', 'succeeded']);
    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries.map((d) => d.trigger).sort()).toEqual(['event', 'event', 'replay', 'replay', 'replay']);
    const other = await ops.post(`/api/ops/webhooks/whe_nope/deliveries/${first?.id}/replay`);
    expect(other.status).toBe(404);
  });

  it('a test message reaches the endpoint signed, and is not an event of the feed', async () => {
    const { endpoint, secret } = await addEndpoint();
    expect((await ops.post(`/api/ops/webhooks/${endpoint.id}/test`)).status).toBe(201);
    expect(await sendDueDeliveries(ctx)).toEqual(['succeeded']);
    expect(verified(secret, 0)).toMatchObject({ type: 'webhook.test' });
    expect(await ctx.db.selectFrom('events').selectAll().execute()).toEqual([]);
  });
});

describe('endpoints', () => {
  it('the secret is shown once; rotation signs with both secrets for the overlap, then the new one only', async () => {
    const { endpoint, secret: oldSecret } = await addEndpoint();
    expect(oldSecret).toMatch(/^whsec_/);
    expect(JSON.stringify(await (await ops.get('/api/ops/webhooks')).json())).not.toContain(oldSecret);
    const rotated = (await (await ops.post(`/api/ops/webhooks/${endpoint.id}/rotate-secret`)).json()) as {
      secret: string;
    };
    expect(rotated.secret).not.toBe(oldSecret);
    await logEvent();
    await dispatchEvents(ctx);
    await sendDueDeliveries(ctx);
    expect(receiver.received[0]?.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    verified(oldSecret, 0);
    verified(rotated.secret, 0);
    advance(25 * 3_600_000);
    await logEvent();
    await dispatchEvents(ctx);
    await sendDueDeliveries(ctx);
    verified(rotated.secret, 1);
    expect(() => verified(oldSecret, 1)).toThrow();
  });

  it('refuses an address that is not https (plain http only to localhost), and non-ops callers', async () => {
    for (const url of [
      'http://example.com/hook',
      'ftp://127.0.0.1/x',
      'https://user:pw@example.com/',
      'nope',
    ]) {
      expect((await ops.post('/api/ops/webhooks', { url })).status, url).toBe(400);
    }
    expect((await ops.post('/api/ops/webhooks', { url: 'https://licences.example.com/hook' })).status).toBe(
      201,
    );
    const alex = await ctx.signedIn('alex@northwind.example');
    expect((await alex.get('/api/ops/webhooks')).status).toBe(403);
  });
});

describe('the feed', () => {
  async function feed(key: string, query = '') {
    const response = await ctx.client().request(`/api/v1/events${query}`, {
      headers: { authorization: `Bearer ${key}` },
      origin: null,
    });
    return {
      status: response.status,
      body: (await response.json()) as { events: TPortalEvent[]; next: string | null; hasMore: boolean },
    };
  }

  it('reads events after a cursor, with the events:read scope only', async () => {
    const key = await createApiKeyAsOps(ctx, { scopes: ['events:read'] });
    const usage = await createApiKeyAsOps(ctx, { name: 'Usage', scopes: ['usage:write'] });
    expect((await feed(usage.secret)).status).toBe(403);
    expect((await feed('rpk_nope')).status).toBe(401);
    const ids = [await logEvent(), await logEvent('payment.succeeded'), await logEvent('invoice.issued')];
    // Not positioned yet: the feed shows only what the sequencer placed.
    expect((await feed(key.secret)).body.events).toEqual([]);
    await dispatchEvents(ctx);
    const page1 = await feed(key.secret, '?limit=2');
    expect(page1.body.events.map((e) => e.id)).toEqual(ids.slice(0, 2));
    expect(page1.body.hasMore).toBe(true);
    const page2 = await feed(key.secret, `?after=${page1.body.next}&limit=2`);
    expect(page2.body.events.map((e) => e.id)).toEqual(ids.slice(2));
    expect(page2.body).toMatchObject({ hasMore: false });
    const page3 = await feed(key.secret, `?after=${page2.body.next}`);
    expect(page3.body).toEqual({ events: [], next: page2.body.next, hasMore: false });
    expect((await feed(key.secret, '?after=abc')).status).toBe(400);
  });

  it('an event committed after a later one was read (a lower seq, committed late) is not skipped', async () => {
    const key = await createApiKeyAsOps(ctx, { scopes: ['events:read'] });
    const { endpoint } = await addEndpoint();
    await logEvent();
    // What PostgreSQL can do: seq n+20 commits, is read, then seq n+10 (taken earlier) commits.
    const insert = (seq: number, id: string) =>
      ctx.db
        .insertInto('events')
        .values({
          seq,
          id,
          type: 'payment.succeeded',
          account_id: 'acct_northwind',
          subject_type: 'payment',
          subject_id: id,
          occurred_at: ctx.clock.now().toISOString(),
          data_json: '{}',
        })
        .execute();
    const top = await ctx.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    const seq = Number(top?.seq ?? 0);
    await insert(seq + 20, 'evt_later');
    await dispatchEvents(ctx);
    const first = await feed(key.secret);
    expect(first.body.events.map((e) => e.id).at(-1)).toBe('evt_later');
    await insert(seq + 10, 'evt_committed_late');
    await dispatchEvents(ctx);
    const next = await feed(key.secret, `?after=${first.body.next}`);
    expect(next.body.events.map((e) => e.id)).toEqual(['evt_committed_late']);
    expect((await deliveriesOf(endpoint.id)).map((d) => d.messageId)).toContain('evt_committed_late');
  });
});

describe('events commit with their change', () => {
  it('a change that rolls back leaves no event', async () => {
    await expect(
      ctx.db.transaction().execute(async (tx) => {
        await recordEvent(tx, {
          type: 'subscription.cancelled',
          accountId: 'acct_northwind',
          subject: { type: 'subscription', id: SUPPORT },
          data: {},
          at: ctx.clock.now(),
        });
        await tx
          .updateTable('subscriptions')
          .set({ cancelled_at: ctx.clock.now().toISOString() })
          .where('id', '=', SUPPORT)
          .execute();
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await ctx.db.selectFrom('events').selectAll().execute()).toEqual([]);
    expect(
      (
        await ctx.db
          .selectFrom('subscriptions')
          .select('cancelled_at')
          .where('id', '=', SUPPORT)
          .executeTakeFirst()
      )?.cancelled_at,
    ).toBeNull();
  });

  it('a quote that fails validation records no quote.created', async () => {
    const alex = await ctx.signedIn('alex@northwind.example');
    const response = await alex.post(`/api/subscriptions/${SUPPORT}/quotes`, {
      kind: 'renew',
      planCode: 'starter',
      termYears: 1,
      seats: 0,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await ctx.db.selectFrom('events').selectAll().execute()).toEqual([]);
    await makeQuote(alex, SUPPORT, { kind: 'renew', planCode: 'starter', termYears: 1, seats: 30 });
    expect((await ctx.db.selectFrom('events').select('type').execute()).map((e) => e.type)).toEqual([
      'quote.created',
    ]);
  });
});
