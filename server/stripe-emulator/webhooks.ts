// Signed webhook deliveries: a persistent queue in SQLite, sent one at a time after the API
// request that produced the event, retried with exponential backoff until a 2xx or the attempt cap.
import { createHmac } from 'node:crypto';
import type { Logger } from './logger.ts';
import type { Store } from './store.ts';

export type WebhookEndpoint = { url: string; secret: string };

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';
export type Delivery = {
  id: number;
  event_id: string;
  url: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_ms: number;
  last_status: number | null;
  last_error: string | null;
};

/** `Stripe-Signature` header value, verifiable by `stripe.webhooks.constructEvent`. */
export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export type WebhookOptions = {
  store: Store;
  endpoints: WebhookEndpoint[];
  baseDelayMs: number;
  maxAttempts: number;
  timeoutMs?: number;
  logger: Logger;
  /** Sends a delivery; defaults to the global `fetch` (tests may route it to an in-process app). */
  send?: (request: Request) => Promise<Response>;
};

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;

export function createWebhookDispatcher(options: WebhookOptions) {
  const { store, baseDelayMs, maxAttempts, logger, timeoutMs = 10_000, send: transport = fetch } = options;
  const db = store.db;
  let endpoints = [...options.endpoints];
  let running = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let waiters: (() => void)[] = [];

  // A delivery that was in flight when the process stopped is simply attempted again.
  const insert = db.prepare(
    "INSERT INTO deliveries (event_id, url, status, next_attempt_ms, created_ms) VALUES (?, ?, 'pending', ?, ?)",
  );
  const nextDue = db.prepare<[number], Delivery>(
    "SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, id LIMIT 1",
  );
  const earliestPending = db.prepare<[], { at: number | null }>(
    "SELECT MIN(next_attempt_ms) AS at FROM deliveries WHERE status = 'pending'",
  );
  const record = db.prepare(
    'UPDATE deliveries SET status = ?, attempts = ?, next_attempt_ms = ?, last_status = ?, last_error = ? WHERE id = ?',
  );

  function isIdle(): boolean {
    return !running && earliestPending.get()?.at == null;
  }

  function notifyIfIdle(): void {
    if (!isIdle()) return;
    const resolved = waiters;
    waiters = [];
    for (const resolve of resolved) resolve();
  }

  function scheduleNext(): void {
    if (closed) return;
    const at = earliestPending.get()?.at;
    if (at == null) return;
    clearTimeout(timer);
    timer = setTimeout(pump, Math.max(0, at - Date.now()));
  }

  function markDelivered(eventId: string): void {
    const event = store.get('event', eventId);
    if (!event) return;
    store.update({ ...event, pending_webhooks: Math.max(0, event.pending_webhooks - 1) });
  }

  async function send(delivery: Delivery): Promise<{ status: number | null; error: string | null }> {
    const endpoint = endpoints.find((e) => e.url === delivery.url);
    if (!endpoint) return { status: null, error: 'endpoint no longer configured' };
    const event = store.get('event', delivery.event_id);
    if (!event) return { status: null, error: 'event not found' };
    const payload = JSON.stringify(event, null, 2);
    try {
      const request = new Request(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signatureHeader(payload, endpoint.secret, Math.floor(Date.now() / 1000)),
        },
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const response = await transport(request);
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      return { status: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function attempt(delivery: Delivery): Promise<void> {
    const { status, error } = await send(delivery);
    if (closed) return;
    const attempts = delivery.attempts + 1;
    if (error === null) {
      store.transaction(() => {
        record.run('succeeded', attempts, Date.now(), status, null, delivery.id);
        markDelivered(delivery.event_id);
      });
      return;
    }
    const givesUp = attempts >= maxAttempts || !endpoints.some((e) => e.url === delivery.url);
    const next = Date.now() + baseDelayMs * 2 ** (attempts - 1);
    record.run(givesUp ? 'failed' : 'pending', attempts, next, status, error, delivery.id);
    const log = { eventId: delivery.event_id, url: delivery.url, attempts, error };
    if (givesUp) logger.warn(log, 'stripe-emulator: webhook delivery failed, giving up');
    else logger.info(log, 'stripe-emulator: webhook delivery failed, will retry');
  }

  async function pump(): Promise<void> {
    timer = undefined;
    if (running || closed) return;
    running = true;
    try {
      for (let due = nextDue.get(Date.now()); due && !closed; due = nextDue.get(Date.now())) {
        await attempt(due);
      }
    } finally {
      running = false;
    }
    scheduleNext();
    notifyIfIdle();
  }

  return {
    /** Queues the event for every configured endpoint; call inside the transaction that stores it. */
    enqueue(eventId: string): void {
      const now = Date.now();
      for (const endpoint of endpoints) insert.run(eventId, endpoint.url, now, now);
    },
    endpointCount(): number {
      return endpoints.length;
    },
    /** Starts due deliveries soon, never inside the caller's request. */
    kick(): void {
      if (closed) return;
      clearTimeout(timer);
      timer = setTimeout(pump, 0);
    },
    setEndpoints(next: WebhookEndpoint[]): void {
      endpoints = [...next];
      this.kick();
    },
    getEndpoints(): WebhookEndpoint[] {
      return [...endpoints];
    },
    /** Resolves once nothing is pending or in flight; deliveries past the attempt cap count as settled. */
    settle(): Promise<void> {
      if (closed || isIdle()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        if (!running && !timer) scheduleNext();
      });
    },
    list(limit = 100): Delivery[] {
      return db.prepare<[number], Delivery>('SELECT * FROM deliveries ORDER BY id DESC LIMIT ?').all(limit);
    },
    close(): void {
      closed = true;
      clearTimeout(timer);
      const resolved = waiters;
      waiters = [];
      for (const resolve of resolved) resolve();
    },
  };
}
