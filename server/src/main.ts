// Starts the portal: configuration, database and migrations, demo data (DEMO=1), the Stripe emulator when
// there is no Stripe key, then the HTTP server serving the API and the built web app on one port.

import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { purgeExpiredAuthState } from './features/auth/service.ts';
import { RENEWAL_BACKFILL_JOB, registerRenewalJobs } from './features/auto-renew/jobs.ts';
import { refreshDemoClock, restoreDemoClock } from './features/clock-ops/service.ts';
import { registerFinanceJobs } from './features/finance/sync-jobs.ts';
import { registerImportJobs } from './features/imports/service.ts';
import { sweepCheckouts } from './features/payments/sweep.ts';
import { registerWebhookJobs, WEBHOOK_DISPATCH_JOB } from './features/webhooks/service.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { applyServerTimeouts } from './platform/http/server-timeouts.ts';
import { acceptedRecently } from './platform/http/turn-budget.ts';
import type { JobEngine } from './platform/jobs/engine.ts';
import { createLocalEngine } from './platform/jobs/local-engine.ts';
import { createPgBossEngine } from './platform/jobs/pg-boss-engine.ts';
import type { RunnerDeps } from './platform/jobs/recurring.ts';
import { deliverDueEmails } from './platform/notifications/delivery.ts';
import { createSmtpMailer } from './platform/notifications/mailer.ts';
import { createEmulatorSecrets } from './platform/stripe/emulator-secrets.ts';
import { startPortalEmulator } from './portal-emulator.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/accounts.ts';
import { seedFinanceDemo } from './seed/finance-history.ts';
import { seedDemoData } from './seed/index.ts';

async function main() {
  // `--demo` (used by `pnpm start`) turns demo data on unless DEMO says otherwise.
  const config0 = loadConfig(undefined, process.argv.includes('--demo') ? { DEMO: '1' } : {});
  // No Stripe key: this start's emulator secrets (random unless configured), in a 0600 file for the scripts.
  const emulatorSecrets = config0.stripe.secretKey ? undefined : createEmulatorSecrets(config0);
  const runtime = await createRuntime({ config: config0, ...(emulatorSecrets ? { emulatorSecrets } : {}) });
  const { config, logger } = runtime;
  if (config.isDemo) {
    const { seeded } = await seedDemoData(runtime.db, runtime.clock);
    if (seeded) logger.info('demo data seeded into the empty database');
  }
  // The date ops moved the demo to, if they did (emulator only; a real Stripe key always runs on real time).
  await restoreDemoClock(runtime);

  // No Stripe key: run the project's Stripe emulator beside the portal, sharing its clock (DESIGN.md §6).
  const emulator = await startPortalEmulator(runtime, emulatorSecrets);
  if (emulator) logger.info({ url: emulator.url }, 'Stripe emulator listening (no STRIPE_SECRET_KEY set)');
  // Demo: a year of payments, refunds, a dispute and payouts at the emulator with their portal records, once,
  // before the portal takes webhooks (seed/finance-history.ts).
  if (emulator && config.isDemo) {
    await seedFinanceDemo(runtime, emulator.controlFetch).catch((err) =>
      logger.error({ err }, 'the demo finance history could not be seeded'),
    );
  }

  // The demo clock's offset is the database's: read at most once a second here, and before every job run.
  const clockRefresh = setInterval(() => void refreshDemoClock(runtime).catch(() => {}), 1_000);
  clockRefresh.unref();

  // Everything scheduled or queued goes through one job engine: pg-boss on PostgreSQL, the in-process one on
  // SQLite. Either way each job runs once across processes and instances (platform/jobs/engine.ts).
  const jobs = createJobEngine(runtime);
  runtime.jobs = jobs;
  jobs.schedule({
    name: 'auth-housekeeping',
    schedule: { every: 60 * 60_000 },
    run: () => purgeExpiredAuthState(runtime),
  });
  // Finance: the Stripe sync and reconciliation daily at FINANCE_SYNC_HOUR, and soon after a payout webhook.
  registerFinanceJobs(jobs, runtime);
  const mailer = config.smtpUrl ? createSmtpMailer(config.smtpUrl) : null;
  if (mailer) {
    jobs.schedule({
      name: 'email-delivery',
      schedule: { every: 5_000 },
      run: () => deliverDueEmails(runtime, mailer),
    });
  } else logger.info('no SMTP_URL: e-mail is captured in the database (ops mailbox)');
  // Paid checkouts whose webhook never came (e.g. the server was down): finished now and every 5 minutes.
  jobs.schedule({
    name: 'checkout-sweep',
    schedule: { every: 5 * 60_000 },
    run: () => sweepCheckouts(runtime),
  });
  const renewalJobs = registerRenewalJobs(jobs, runtime);
  // CSV imports: each file's dry run and apply in chunks; unfinished ones resume at start-up (the sweep).
  const importJobs = registerImportJobs(jobs, runtime);
  registerWebhookJobs(jobs, runtime);
  await jobs.start();
  void importJobs.sweepNow().catch((err) => logger.error({ err }, 'import sweep failed'));
  void jobs.runNow('checkout-sweep');
  void jobs.runNow(RENEWAL_BACKFILL_JOB);
  // Deliveries whose sender died before a result are found (lease run out) and sent again.
  void jobs.runNow(WEBHOOK_DISPATCH_JOB);

  // The turn budget engages while new connections arrive (a burst waits in the listen queue: decision 027).
  let isTakingConnections = () => true;
  const app = createApp(runtime, {
    webDistPath: config.webDistPath,
    refreshesDemoClock: true,
    turnBudgetEngaged: () => isTakingConnections(),
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ port: info.port, url: config.publicUrl }, 'portal listening');
    emulator?.emulator.setWebhookEndpoints([
      { url: `http://127.0.0.1:${info.port}/api/webhooks/stripe`, secret: runtime.stripe.webhookSecret },
    ]);
    if (config.isDemo) printDemoSignIns(config.publicUrl);
  });
  applyServerTimeouts(server as Server);
  isTakingConnections = acceptedRecently(server);

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    renewalJobs.stop();
    importJobs.stop();
    clearInterval(clockRefresh);
    await jobs.stop();
    mailer?.close();
    await emulator?.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** PostgreSQL (DATABASE_URL=postgres://…): pg-boss; otherwise the in-process engine on the SQLite file. */
function createJobEngine(runtime: Runtime): JobEngine {
  const deps: RunnerDeps = {
    db: runtime.db,
    clock: runtime.clock,
    logger: runtime.logger,
    beforeRun: () => refreshDemoClock(runtime, { force: true }),
    leaseTtlMs: runtime.config.jobs.leaseTtlMs,
  };
  const url = runtime.config.databaseUrl;
  return url?.startsWith('postgres')
    ? createPgBossEngine({ ...deps, connectionString: url })
    : createLocalEngine(deps);
}

function printDemoSignIns(publicUrl: string) {
  const lines = DEMO_USERS.map((u) => `  ${u.email.padEnd(28)} ${u.role}`);
  process.stdout.write(
    `\nRenewal portal: ${publicUrl}\nDemo sign-ins (password "${DEMO_PASSWORD}"):\n${lines.join('\n')}\n\n`,
  );
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `The portal could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
