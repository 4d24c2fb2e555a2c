// Issue 12 item 4: three portal processes on one PostgreSQL and one Stripe emulator behave as one portal. A
// session made on one works on the others; a renewal day and a finance sync run while one instance is killed
// with -9 in the middle; each daily job then succeeded once, each charge went to Stripe once, no claim was
// lost. Its own vitest project (vitest.instances.config.ts, `pnpm test:instances`): it spawns processes.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStripeEmulator } from '../stripe-emulator/index.ts';
import { refreshDemoClock } from './features/clock-ops/service.ts';
import { createClock } from './platform/clock.ts';
import { loadConfig } from './platform/config.ts';
import { jobLeaseName } from './platform/jobs/recurring.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { DEMO_PASSWORD } from './seed/accounts.ts';
import { seedDemoData } from './seed/index.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from './testing/embedded-postgres.ts';
import { type PortalInstance, startPortalInstance } from './testing/instances.ts';

/** The address customers use (a load balancer in front of the three): the Origin of every browser request. */
const PUBLIC_URL = 'http://portal.localhost:8080';
const SECRETS = {
  secretKey: `sk_test_${'m'.repeat(24)}`,
  controlSecret: 'c'.repeat(32),
  webhookSecret: `whsec_${'w'.repeat(32)}`,
};
const CONVERGE = { timeout: 240_000, interval: 1_000 };

let dataDir: string;
let postgres: EmbeddedServer;
let runtime: Runtime;
let emulator: Awaited<ReturnType<typeof startStripeEmulator>>;
let clockRefresh: NodeJS.Timeout;
const instances: PortalInstance[] = [];
let failed = false;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'portal-instances-'));
  postgres = await startEmbeddedPostgres();
  const clock = createClock('UTC');
  // The one emulator, on the portal's demo clock (the offset ops set, read from the database like any instance).
  emulator = await startStripeEmulator({
    port: 0,
    databasePath: join(dataDir, 'stripe-emulator.db'),
    now: () => clock.now(),
    apiKey: SECRETS.secretKey,
    controlSecret: SECRETS.controlSecret,
  });
  const env = {
    DATABASE_URL: postgres.adminUrl,
    STRIPE_EMULATOR_URL: emulator.url,
    STRIPE_EMULATOR_SECRET_KEY: SECRETS.secretKey,
    STRIPE_EMULATOR_CONTROL_SECRET: SECRETS.controlSecret,
    STRIPE_WEBHOOK_SECRET: SECRETS.webhookSecret,
    PUBLIC_URL,
    STRIPE_SECRET_KEY: '',
    SMTP_URL: '',
    // The daily runs start at the first check of a new day.
    RENEWAL_RUN_HOUR: '0',
    FINANCE_SYNC_HOUR: '0',
    LOG_LEVEL: 'info',
    // A slow Stripe budget, so the renewal run is still charging when its instance is killed.
    STRIPE_RATE_PER_SECOND: '2',
    STRIPE_RATE_BURST: '1',
  };
  // Migrations and demo data once, from here, before any instance starts.
  runtime = await createRuntime({
    config: loadConfig({ ...env, DATABASE_PATH: join(dataDir, 'test', 'unused.db'), LOG_LEVEL: 'warn' }),
    clock,
    stripeTarget: { kind: 'emulator', url: emulator.url, secretKey: SECRETS.secretKey },
  });
  await seedDemoData(runtime.db, runtime.clock);
  clockRefresh = setInterval(() => void refreshDemoClock(runtime).catch(() => {}), 500);
  for (const name of ['a', 'b', 'c']) {
    instances.push(await startPortalInstance({ name, dataDir, env }));
  }
  // Webhooks go to all three: each event reaches every instance (and is retried on the dead one).
  emulator.emulator.setWebhookEndpoints(
    instances.map((i) => ({ url: `${i.url}/api/webhooks/stripe`, secret: SECRETS.webhookSecret })),
  );
}, 300_000);

afterAll(async () => {
  clearInterval(clockRefresh);
  await Promise.all(instances.map((i) => i.stop()));
  if (failed) {
    for (const i of instances) process.stderr.write(`\n===== instance ${i.name} =====\n${i.log()}\n`);
  }
  await emulator?.close();
  await runtime?.close();
  await postgres?.stop();
  if (!failed) rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

/** Marks the run failed (children's logs printed at the end) when `body` throws. */
function logged(body: () => Promise<void>) {
  return async () => {
    try {
      await body();
    } catch (err) {
      failed = true;
      throw err;
    }
  };
}

async function signIn(instance: PortalInstance, email: string): Promise<string> {
  const response = await fetch(`${instance.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PUBLIC_URL },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  expect(cookies.length).toBeGreaterThan(0);
  return cookies.join('; ');
}

function call(instance: PortalInstance, cookie: string, method: string, path: string, body?: unknown) {
  return fetch(`${instance.url}${path}`, {
    method,
    headers: {
      cookie,
      origin: PUBLIC_URL,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const [a, b, c] = [0, 1, 2].map((n) => () => instances[n] as PortalInstance) as [
  () => PortalInstance,
  () => PortalInstance,
  () => PortalInstance,
];

describe('three portal instances on one PostgreSQL', () => {
  it(
    'share sessions: signed in on A, the same cookie works on B and C, and a CSRF-protected write on C',
    logged(async () => {
      const cookie = await signIn(a(), 'alex@northwind.example');
      for (const instance of [a(), b(), c()]) {
        const me = await call(instance, cookie, 'GET', '/api/me');
        expect(me.status).toBe(200);
        expect(await me.json()).toMatchObject({ user: { email: 'alex@northwind.example' } });
      }
      const write = await call(c(), cookie, 'PUT', '/api/me/locale', { locale: 'zh-CN' });
      expect(write.status).toBeLessThan(300);
      const user = await runtime.db
        .selectFrom('users')
        .select('locale')
        .where('email', '=', 'alex@northwind.example')
        .executeTakeFirstOrThrow();
      expect(user.locale).toBe('zh-CN');
      // Without the portal's Origin the same write is refused (the CSRF check is on).
      const forged = await fetch(`${c().url}/api/me/locale`, {
        method: 'PUT',
        headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
        body: JSON.stringify({ locale: 'en' }),
      });
      expect(forged.status).toBe(403);
    }),
    60_000,
  );

  it(
    'run a renewal day and a finance sync once while one instance is killed with -9',
    logged(async () => {
      const ops = await signIn(a(), 'ops@vendor.example');
      const finance = await signIn(b(), 'finance@vendor.example');
      const today = runtime.clock.today();
      // The day: the first one with a planned renewal charge, else tomorrow.
      const due = await runtime.db
        .selectFrom('auto_renewals')
        .select((eb) => eb.fn.min('due_date').as('day'))
        .where('due_date', '>', today)
        .executeTakeFirst();
      const day = (due?.day as string | null | undefined) ?? nextDay(today);
      const moved = await call(a(), ops, 'PUT', '/api/ops/clock', { today: day });
      expect(moved.status).toBe(200);
      const sync = await call(b(), finance, 'POST', '/api/finance/sync');
      expect([202, 409]).toContain(sync.status);

      // Mid-run: as soon as the day's renewal run holds its lease on some instance, that instance dies with
      // -9 (no shutdown hook; its run stays 'running' with a heartbeat that goes stale).
      const { owner, wasRunning } = await vi.waitFor(
        async () => {
          const runs = await runsOf('renewals', day);
          expect(runs.length).toBeGreaterThan(0);
          const lease = await runtime.db
            .selectFrom('job_leases')
            .select('owner')
            .where('name', '=', jobLeaseName('renewals'))
            .executeTakeFirstOrThrow();
          const holder = instances.find((i) => i.log().includes(lease.owner));
          expect(holder).toBeDefined();
          return { owner: holder as PortalInstance, wasRunning: runs.some((r) => r.status === 'running') };
        },
        { ...CONVERGE, interval: 100 },
      );
      await owner.kill();
      const survivors = instances.filter((i) => i !== owner);

      // The survivors finish what was started: the day's runs succeeded, every claim is done.
      await vi.waitFor(async () => {
        expect((await runsOf('renewals', day)).filter((r) => r.status === 'succeeded')).toHaveLength(1);
        const syncs = await runtime.db
          .selectFrom('job_runs')
          .select('status')
          .where('job', '=', 'finance-sync')
          .where('status', '=', 'succeeded')
          .execute();
        expect(syncs.length).toBeGreaterThan(0);
        const open = await runtime.db
          .selectFrom('job_ledger')
          .select('key')
          .where('status', '=', 'claimed')
          .execute();
        expect(open).toEqual([]);
      }, CONVERGE);

      // Once per day for each daily job.
      const perDay = await runtime.db
        .selectFrom('job_runs')
        .select(['job', 'for_date'])
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'succeeded')
        .where('job', 'in', ['renewals', 'finance-sync'])
        .where('trigger', '=', 'schedule')
        .groupBy(['job', 'for_date'])
        .execute();
      for (const row of perDay) expect(Number(row.n), `${row.job} ${row.for_date}`).toBe(1);
      // Each charge at Stripe once: one successful PaymentIntent per charge key.
      const intents = await runtime.stripe.client.paymentIntents.list({ limit: 100 });
      const byKey = new Map<string, number>();
      for (const intent of intents.data) {
        const key = intent.metadata.charge_key;
        if (key && intent.status === 'succeeded') byKey.set(key, (byKey.get(key) ?? 0) + 1);
      }
      for (const [key, count] of byKey) expect(count, key).toBe(1);
      // Every charge the ledger recorded as done is at Stripe.
      const charged = await runtime.db
        .selectFrom('job_ledger')
        .select(['key', 'outcome'])
        .where('key', 'like', 'charge:%')
        .where('status', '=', 'done')
        .execute();
      for (const row of charged.filter((r) => r.outcome === 'succeeded')) {
        expect(byKey.get(row.key), row.key).toBe(1);
      }
      const renewalRuns = await runsOf('renewals', day);
      process.stderr.write(
        `instances test: day ${day}, killed ${owner.name} (${wasRunning ? 'mid-run' : 'after the run'}); renewal runs ${renewalRuns.map((r) => r.status).join(',')}; ` +
          `charges done ${charged.length}, succeeded intents ${byKey.size}\n`,
      );
      // The survivors still answer.
      for (const instance of survivors) {
        expect((await fetch(`${instance.url}/api/health`)).ok).toBe(true);
      }
    }),
    600_000,
  );
});

function runsOf(job: string, day: string) {
  return runtime.db
    .selectFrom('job_runs')
    .select(['id', 'status', 'started_at', 'finished_at'])
    .where('job', '=', job)
    .where('for_date', '=', day)
    .execute();
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
