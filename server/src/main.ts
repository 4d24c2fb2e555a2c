// Starts the portal: configuration, database and migrations, demo data (DEMO=1), the Stripe emulator when
// there is no Stripe key, then the HTTP server serving the API and the built web app on one port.

import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { purgeExpiredAuthState } from './features/auth/service.ts';
import { registerRenewalJobs } from './features/auto-renew/jobs.ts';
import { restoreDemoClock } from './features/clock-ops/service.ts';
import { seedFinanceDemo } from './features/finance/demo-history.ts';
import { runDailySyncIfDue, syncIfPayoutsWaiting } from './features/finance/sync-jobs.ts';
import { sweepCheckouts } from './features/payments/sweep.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { applyServerTimeouts } from './platform/http/server-timeouts.ts';
import { createScheduler } from './platform/jobs/scheduler.ts';
import { deliverDueEmails } from './platform/notifications/delivery.ts';
import { createSmtpMailer } from './platform/notifications/mailer.ts';
import { createRuntime } from './runtime.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/accounts.ts';
import { seedDemoData } from './seed/index.ts';
import { startPortalEmulator } from './stripe-emulator/portal-emulator.ts';
import { createEmulatorSecrets } from './stripe-emulator/portal-secrets.ts';

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
  // before the portal takes webhooks (finance/demo-history.ts).
  if (emulator && config.isDemo) {
    await seedFinanceDemo(runtime, emulator.controlFetch).catch((err) =>
      logger.error({ err }, 'the demo finance history could not be seeded'),
    );
  }

  const scheduler = createScheduler(logger);
  scheduler.every('auth-housekeeping', 60 * 60_000, () => purgeExpiredAuthState(runtime));
  // Finance: the Stripe sync and reconciliation daily at FINANCE_SYNC_HOUR, and soon after a payout webhook.
  scheduler.every('finance-sync', 60_000, () => runDailySyncIfDue(runtime));
  scheduler.every('finance-payouts', 5 * 60_000, () => syncIfPayoutsWaiting(runtime));
  const mailer = config.smtpUrl ? createSmtpMailer(config.smtpUrl) : null;
  if (mailer) scheduler.every('email-delivery', 5_000, () => deliverDueEmails(runtime, mailer));
  else logger.info('no SMTP_URL: e-mail is captured in the database (ops mailbox)');
  // Paid checkouts whose webhook never came (e.g. the server was down): finished now and every 5 minutes.
  scheduler.every('checkout-sweep', 5 * 60_000, () => sweepCheckouts(runtime));
  const renewalJobs = registerRenewalJobs(scheduler, runtime);
  scheduler.start();
  void scheduler.runNow('checkout-sweep');

  const app = createApp(runtime, { webDistPath: config.webDistPath });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ port: info.port, url: config.publicUrl }, 'portal listening');
    emulator?.emulator.setWebhookEndpoints([
      { url: `http://127.0.0.1:${info.port}/api/webhooks/stripe`, secret: runtime.stripe.webhookSecret },
    ]);
    if (config.isDemo) printDemoSignIns(config.publicUrl);
  });
  applyServerTimeouts(server as Server);

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    renewalJobs.stop();
    await scheduler.stop();
    mailer?.close();
    await emulator?.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
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
