// Integration-test harness: a real SQLite file in a temp folder (or, in the server-pg project, a fresh
// PostgreSQL database copied from the migrated template: testing/postgres.ts), migrated and seeded with the
// demo data, a fixed clock, and the real app reached through `app.request` by a client that keeps cookies and sends the
// portal's Origin like a browser would.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStripeEmulator, type StripeEmulator } from '../../stripe-emulator/index.ts';
import { createApp } from '../app.ts';
import { createFixedClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import type { LocalMessage } from '../platform/notifications/local-inbox.ts';
import { EMULATOR_WEBHOOK_SECRET } from '../platform/stripe/client.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { DEMO_PASSWORD } from '../seed/accounts.ts';
import { seedDemoData } from '../seed/index.ts';
import { borrowTestDatabase, testPostgres } from './postgres.ts';

export const TEST_ORIGIN = 'http://portal.test';
export const TEST_NOW = '2026-11-23T12:00:00.000Z';

export type TestContext = Runtime & {
  clock: ReturnType<typeof createFixedClock>;
  app: ReturnType<typeof createApp>;
  /** E-mails with a sign-in or invitation link, as the recipient gets them (no SMTP in tests: the local
   * inbox, which staff never see). */
  inbox: LocalMessage[];
  /** The token in the latest such e-mail to `email`. */
  latestToken(email: string, template?: 'magic_link' | 'invitation'): string | undefined;
  /** The Stripe emulator, in-process: the portal's SDK calls reach it without a port, and its webhooks are
   * delivered straight into the portal's app. */
  emulator: StripeEmulator;
  client(): TestClient;
  signedIn(email: string, password?: string): Promise<TestClient>;
  /** The process killed and started again: every in-memory thing dropped, the runtime and app re-opened on
   * the same database file (the emulator, like Stripe, lives on). Sign in again afterwards. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
};

export async function createTestContext(
  options: { now?: string; env?: Record<string, string>; seed?: boolean } = {},
): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const postgres = testPostgres();
  // On PostgreSQL the usual demo data at TEST_NOW comes with the borrowed database (seeded once per run).
  const seededCopy =
    postgres !== undefined &&
    options.seed !== false &&
    options.now === undefined &&
    !options.env?.PORTAL_TIME_ZONE;
  const postgresDatabase = postgres
    ? await borrowTestDatabase(postgres, seededCopy ? 'seeded' : 'blank')
    : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: join(dir, 'portal.db'),
    ...(postgresDatabase ? { DATABASE_URL: postgresDatabase.url } : {}),
    PUBLIC_URL: TEST_ORIGIN,
    LOG_LEVEL: 'silent',
    TRUST_PROXY: '1',
    ...options.env,
  });
  const clock = createFixedClock(options.now ?? TEST_NOW, config.timeZone);
  let app: ReturnType<typeof createApp> | undefined;
  const emulator = createStripeEmulator({
    databasePath: ':memory:',
    publicUrl: 'http://stripe.test',
    now: () => clock.now(),
    webhookEndpoints: [{ url: `${TEST_ORIGIN}/api/webhooks/stripe`, secret: EMULATOR_WEBHOOK_SECRET }],
    webhookRetryBaseMs: 10,
    webhookMaxAttempts: 4,
    webhookFetch: async (request) => {
      if (!app) return new Response('not ready', { status: 503 });
      return app.fetch(request);
    },
  });
  const inbox: LocalMessage[] = [];
  const open = async () => {
    const opened = await createRuntime({
      config,
      clock,
      logger: createLogger('silent'),
      stripeTarget: { kind: 'in-process', fetch: emulator.fetch },
    });
    opened.localInbox = (message) => inbox.push(message);
    return opened;
  };
  let runtime = await open();
  if (options.seed !== false && !seededCopy) await seedDemoData(runtime.db, clock);
  app = createApp(runtime);
  const portalApp = app;
  const context: TestContext = {
    ...runtime,
    clock,
    app: portalApp,
    emulator,
    inbox,
    latestToken: (email, template) =>
      inbox
        .filter((m) => m.to === email && (!template || m.template === template))
        .at(-1)
        ?.text.match(/token=([a-z2-7]+)/)?.[1],
    client: () => new TestClient(context.app),
    signedIn: async (email, password = DEMO_PASSWORD) => {
      const client = new TestClient(context.app);
      const response = await client.post('/api/auth/sign-in', { email, password });
      if (response.status !== 200) throw new Error(`sign-in as ${email} failed: ${response.status}`);
      return client;
    },
    restart: async () => {
      await runtime.close();
      runtime = await open();
      app = createApp(runtime);
      Object.assign(context, runtime, { app });
    },
    dispose: async () => {
      await emulator.settleWebhooks();
      emulator.close();
      await runtime.close();
      await postgresDatabase?.giveBack();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return context;
}

/** A browser-like client: keeps the session cookie and sends the portal's Origin on every request. */
export class TestClient {
  cookie: string | null = null;
  ip = '203.0.113.10';

  constructor(
    private readonly app: { request(input: string, init?: RequestInit): Response | Promise<Response> },
  ) {}

  async request(
    path: string,
    init: RequestInit & { json?: unknown; origin?: string | null } = {},
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.origin !== null) headers.set('origin', init.origin ?? TEST_ORIGIN);
    if (this.cookie) headers.set('cookie', this.cookie);
    headers.set('x-forwarded-for', this.ip);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const response = await this.app.request(path, { ...init, headers, body });
    this.absorbCookie(response.headers.get('set-cookie'));
    return response;
  }

  get(path: string) {
    return this.request(path);
  }
  post(path: string, json?: unknown) {
    return this.request(path, { method: 'POST', json });
  }
  put(path: string, json?: unknown) {
    return this.request(path, { method: 'PUT', json });
  }
  delete(path: string) {
    return this.request(path, { method: 'DELETE' });
  }

  private absorbCookie(setCookie: string | null) {
    if (!setCookie) return;
    const [pair] = setCookie.split(';');
    if (!pair) return;
    const [name, value] = pair.split('=');
    if (name !== 'portal_session' && name !== '__Host-portal_session') return;
    this.cookie = value ? `${name}=${value}` : null;
    if (/Max-Age=0/i.test(setCookie) || /Expires=Thu, 01 Jan 1970/i.test(setCookie)) this.cookie = null;
  }
}

export async function errorCode(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { error?: { code?: string } };
  return body.error?.code;
}
