// Issue 12 item 4: three portal processes (the compiled server) on one PostgreSQL and one Stripe emulator
// behave as one portal. A session made on one works on the others. A renewal day with automatic charges due on
// a saved card runs, with a finance sync, while the instance holding the renewal run is killed with -9 in the
// middle of its charges; Stripe's webhooks go to every instance. Then: each daily job ran once, each
// subscription-term was charged once (Stripe's charges against the payments table), every webhook the
// emulator sent was received and processed, and every due subscription renewed or was held with a reason.
// Its own vitest project (vitest.instances.config.ts, `pnpm test:instances`, a step of `pnpm test`).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addYears } from '@portal/shared/dates';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStripeEmulator } from '../../stripe-emulator/index.ts';
import { refreshDemoClock } from '../features/clock-ops/service.ts';
import { createClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { jobLeaseName } from '../platform/jobs/recurring.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { DEMO_PASSWORD } from '../seed/accounts.ts';
import { seedDemoData } from '../seed/index.ts';
import { type DueCharges, prepareDueCharges } from './due-charges.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres.ts';
import { TEST_ORIGIN } from './harness.ts';
import { type PortalInstance, startPortalInstance } from './instances.ts';

/** The address customers use (a load balancer in front of the three): the Origin of every browser request. */
const PUBLIC_URL = 'http://portal.localhost:8080';
const SECRETS = {
  secretKey: `sk_test_${'m'.repeat(24)}`,
  controlSecret: 'c'.repeat(32),
  webhookSecret: `whsec_${'w'.repeat(32)}`,
};
/** Automatic charges due on the renewal day, all on Northwind's saved card. */
const DUE_CHARGES = 8;
/** How long a killed instance's leases and claims outlive it (production: 60 s). */
const LEASE_TTL_MS = 6_000;
/** Waiting for the instances to converge: generous, the machine may be busy; never an assertion on time. */
const CONVERGE = { timeout: 180_000, interval: 500 };

let dataDir: string;
let postgres: EmbeddedServer;
let runtime: Runtime;
let emulator: Awaited<ReturnType<typeof startStripeEmulator>>;
let clockRefresh: NodeJS.Timeout;
let due: DueCharges;
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
    webhookRetryBaseMs: 250,
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
    // The daily runs start at the first check of a new day; checks and leases short, so the test is quick.
    RENEWAL_RUN_HOUR: '0',
    FINANCE_SYNC_HOUR: '0',
    JOB_DAILY_CHECK_MS: '1000',
    JOB_LEASE_TTL_MS: String(LEASE_TTL_MS),
    LOG_LEVEL: 'info',
    // A slow Stripe budget, so the renewal run is still charging when its instance is killed.
    STRIPE_RATE_PER_SECOND: '2',
    STRIPE_RATE_BURST: '1',
  };
  // Migrations, demo data and the day's due charges once, from here, before any instance starts (its
  // in-process app acts as the customer's browser: it expects the harness's origin).
  runtime = await createRuntime({
    config: loadConfig({
      ...env,
      PUBLIC_URL: TEST_ORIGIN,
      DATABASE_PATH: join(dataDir, 'test', 'unused.db'),
      LOG_LEVEL: 'warn',
      STRIPE_RATE_PER_SECOND: '0',
    }),
    clock,
    stripeTarget: { kind: 'emulator', url: emulator.url, secretKey: SECRETS.secretKey },
  });
  await seedDemoData(runtime.db, runtime.clock);
  due = await prepareDueCharges(runtime, emulator.emulator, {
    count: DUE_CHARGES,
    daysAhead: 40,
    controlSecret: SECRETS.controlSecret,
  });
  clockRefresh = setInterval(() => void refreshDemoClock(runtime).catch(() => {}), 500);
  instances.push(
    ...(await Promise.all(['a', 'b', 'c'].map((name) => startPortalInstance({ name, dataDir, env })))),
  );
  routeWebhooksTo(instances);
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

/** Every event goes to each instance given (a load balancer's health check takes a dead one out). */
function routeWebhooksTo(live: PortalInstance[]) {
  emulator.emulator.setWebhookEndpoints(
    live.map((i) => ({ url: `${i.url}/api/webhooks/stripe`, secret: SECRETS.webhookSecret })),
  );
}

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

async function emulatorControl<T>(path: string): Promise<T> {
  const response = await fetch(`${emulator.url}/_emulator${path}`, {
    headers: { 'x-emulator-secret': SECRETS.controlSecret },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
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
    'charge a renewal day once and run a finance sync while the instance charging is killed with -9',
    logged(async () => {
      const day = due.chargeDay;
      const chargeKeys = due.subscriptionIds.map((id) => `charge:${id}:${day}`);
      const finance = await signIn(b(), 'finance@vendor.example');
      const sync = await call(b(), finance, 'POST', '/api/finance/sync');
      expect([202, 409]).toContain(sync.status);
      const ops = await signIn(a(), 'ops@vendor.example');
      const moved = await call(a(), ops, 'PUT', '/api/ops/clock', { today: day });
      expect(moved.status).toBe(200);

      // Mid-run: once the day's run has charged at least one card and not all of them, the instance holding
      // the run's lease dies with -9 (no shutdown hook; its claims and run stay as they were).
      const { owner, doneBeforeKill } = await vi.waitFor(
        async () => {
          const charges = await ledgerOf(chargeKeys);
          expect(charges.length).toBeGreaterThan(0);
          const lease = await runtime.db
            .selectFrom('job_leases')
            .select('owner')
            .where('name', '=', jobLeaseName('renewals'))
            .executeTakeFirstOrThrow();
          const holder = instances.find((i) => i.log().includes(lease.owner));
          expect(holder).toBeDefined();
          return {
            owner: holder as PortalInstance,
            doneBeforeKill: charges.filter((r) => r.status === 'done').length,
          };
        },
        { ...CONVERGE, interval: 50 },
      );
      await owner.kill();
      const survivors = instances.filter((i) => i !== owner);
      routeWebhooksTo(survivors);
      // Killed in the middle: some charges were still to do.
      expect(doneBeforeKill).toBeLessThan(DUE_CHARGES);

      // The survivors take over once the lease ran out: the day's run succeeded, every claim is done, and
      // every webhook the emulator sent has been delivered (to the dead instance: given up).
      await vi.waitFor(async () => {
        expect((await runsOf('renewals', day)).filter((r) => r.status === 'succeeded')).toHaveLength(1);
        const charges = await ledgerOf(chargeKeys);
        expect(charges.map((r) => r.status)).toEqual(chargeKeys.map(() => 'done'));
        const open = await runtime.db
          .selectFrom('job_ledger')
          .select('key')
          .where('status', '=', 'claimed')
          .execute();
        expect(open).toEqual([]);
        const syncs = await runtime.db
          .selectFrom('job_runs')
          .select('status')
          .where('job', '=', 'finance-sync')
          .where('status', '=', 'succeeded')
          .execute();
        expect(syncs.length).toBeGreaterThan(0);
      }, CONVERGE);
      await emulator.emulator.settleWebhooks();

      // Each daily job once per day.
      const perDay = await runtime.db
        .selectFrom('job_runs')
        .select(['job', 'for_date'])
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'succeeded')
        .where('job', 'in', ['renewals', 'finance-sync'])
        .where('trigger', '=', 'schedule')
        .groupBy(['job', 'for_date'])
        .execute();
      expect(perDay.length).toBeGreaterThan(0);
      for (const row of perDay) expect(Number(row.n), `${row.job} ${row.for_date}`).toBe(1);

      // Each subscription-term charged once: Stripe's successful charges for the day's renewals against the
      // payments table, one each, the same PaymentIntents.
      const charged = await stripeChargesFor(due.subscriptionIds);
      const payments = await runtime.db
        .selectFrom('payments')
        .select(['subscription_id', 'stripe_payment_intent_id', 'status', 'source'])
        .where('subscription_id', 'in', due.subscriptionIds)
        .execute();
      for (const id of due.subscriptionIds) {
        const atStripe = charged.filter((ch) => ch.subscriptionId === id);
        const ours = payments.filter((p) => p.subscription_id === id);
        expect(
          atStripe.map((ch) => ch.chargeKey),
          id,
        ).toEqual([`charge:${id}:${day}`]);
        expect(
          ours.map((p) => [p.status, p.source, p.stripe_payment_intent_id]),
          id,
        ).toEqual([['succeeded', 'auto_renew', atStripe[0]?.paymentIntent]]);
      }

      // Every webhook the emulator sent was received and processed (or acknowledged as not for the portal).
      const { data: deliveries } = await emulatorControl<{
        data: { event_id: string; status: string; url: string }[];
      }>('/webhooks/deliveries?limit=100000');
      const eventIds = [...new Set(deliveries.map((d) => d.event_id))];
      expect(eventIds.length).toBeGreaterThanOrEqual(DUE_CHARGES);
      for (const id of eventIds) {
        expect(
          deliveries.some((d) => d.event_id === id && d.status === 'succeeded'),
          `${id} delivered`,
        ).toBe(true);
      }
      const received = await runtime.db
        .selectFrom('stripe_events')
        .select(['id', 'status'])
        .where('id', 'in', eventIds)
        .execute();
      expect(received.map((e) => e.id).sort()).toEqual([...eventIds].sort());
      for (const event of received) expect(['processed', 'ignored'], event.id).toContain(event.status);

      // Nothing lost: every due subscription renewed for a year, or its renewal held with a reason.
      const renewals = await runtime.db
        .selectFrom('auto_renewals')
        .innerJoin('subscriptions', 'subscriptions.id', 'auto_renewals.subscription_id')
        .select([
          'auto_renewals.subscription_id',
          'auto_renewals.state',
          'auto_renewals.last_error_code',
          'subscriptions.term_end',
        ])
        .where('auto_renewals.subscription_id', 'in', due.subscriptionIds)
        .where('auto_renewals.term_end', '=', day)
        .execute();
      expect(renewals).toHaveLength(DUE_CHARGES);
      for (const renewal of renewals) {
        const isRenewed = renewal.state === 'succeeded' && renewal.term_end === addYears(day, 1);
        const isHeld = renewal.state !== 'succeeded' && renewal.last_error_code !== null;
        expect(isRenewed || isHeld, JSON.stringify(renewal)).toBe(true);
      }

      const runs = await runsOf('renewals', day);
      process.stderr.write(
        `instances test: day ${day}, killed ${owner.name} after ${doneBeforeKill} of ${DUE_CHARGES} charges; ` +
          `renewal runs ${runs.map((r) => r.status).join(',')}; charged ${charged.length}; ` +
          `webhook events ${eventIds.length} (${deliveries.length} deliveries)\n`,
      );
      // The survivors still answer.
      for (const instance of survivors) {
        expect((await fetch(`${instance.url}/api/health`)).ok).toBe(true);
      }
    }),
    300_000,
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

function ledgerOf(keys: string[]) {
  return runtime.db.selectFrom('job_ledger').select(['key', 'status']).where('key', 'in', keys).execute();
}

/** The emulator's successful charges of these subscriptions (every page). */
async function stripeChargesFor(subscriptionIds: string[]) {
  const found: { subscriptionId: string; chargeKey: string; paymentIntent: string }[] = [];
  for await (const intent of runtime.stripe.client.paymentIntents.list({ limit: 100 })) {
    const subscriptionId = intent.metadata.subscription_id;
    if (!subscriptionId || !subscriptionIds.includes(subscriptionId)) continue;
    const charges = await runtime.stripe.client.charges.list({ payment_intent: intent.id, limit: 100 });
    const succeeded = charges.data.filter((ch) => ch.status === 'succeeded');
    for (const _ of succeeded) {
      found.push({ subscriptionId, chargeKey: intent.metadata.charge_key ?? '', paymentIntent: intent.id });
    }
  }
  return found;
}
