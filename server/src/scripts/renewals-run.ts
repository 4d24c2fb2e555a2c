// `pnpm renewals:run [--date YYYY-MM-DD]`: the daily renewal run by hand (notices, reminders, charges,
// dunning) for today or an earlier day, on DATABASE_PATH. It is safe beside the running portal and its
// scheduled run: every action is recorded in the job ledger first, so nothing is sent or charged twice.
//
// Stripe: with STRIPE_SECRET_KEY, the real Stripe. Without, the emulator: the running portal's, on
// STRIPE_EMULATOR_PORT, when it answers; otherwise an emulator started in this process on the same emulator
// database file (so the charges are there when the portal starts; its webhooks wait in that file and are
// delivered by the portal's emulator once it runs). The demo clock ops set is honoured.

import { parseArgs } from 'node:util';
import { isCalendarDate } from '@portal/shared/dates';
import { createStripeEmulator, type StripeEmulator } from '../../stripe-emulator/index.ts';
import { planMissingRenewals, runRenewals } from '../features/auto-renew/run.ts';
import { RENEWALS_JOB } from '../features/auto-renew/run-context.ts';
import { restoreDemoClock } from '../features/clock-ops/service.ts';
import { createClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { runExclusive } from '../platform/jobs/recurring.ts';
import {
  EMULATOR_SECRET_KEY,
  EMULATOR_WEBHOOK_SECRET,
  type StripeTarget,
} from '../platform/stripe/client.ts';
import { readEmulatorSecrets } from '../platform/stripe/emulator-secrets.ts';
import { createRuntime } from '../runtime.ts';
import { exitWith } from './exit-with.ts';

const USAGE = 'Usage: pnpm renewals:run [--date YYYY-MM-DD]';

async function emulatorIsUp(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/_emulator/health`, {
      signal: AbortSignal.timeout(1500),
    });
    return response.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { date: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.date !== undefined && !isCalendarDate(values.date)) {
    process.stderr.write(`--date must be a date as YYYY-MM-DD\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const clock = createClock(config.timeZone);
  let emulator: StripeEmulator | null = null;
  let stripeTarget: StripeTarget;
  let stripeWhere: string;
  if (config.stripe.secretKey) {
    stripeTarget = { kind: 'stripe', secretKey: config.stripe.secretKey };
    stripeWhere = 'Stripe';
  } else if (await emulatorIsUp(config.stripe.emulatorPort)) {
    stripeTarget = {
      kind: 'emulator',
      url: `http://127.0.0.1:${config.stripe.emulatorPort}`,
      secretKey: readEmulatorSecrets(config)?.secretKey ?? EMULATOR_SECRET_KEY,
    };
    stripeWhere = `the portal's Stripe emulator on port ${config.stripe.emulatorPort}`;
  } else {
    emulator = createStripeEmulator({
      databasePath: config.stripe.emulatorDatabasePath,
      publicUrl: `http://localhost:${config.stripe.emulatorPort}`,
      now: () => clock.now(),
      webhookEndpoints: [
        {
          url: `http://127.0.0.1:${config.port}/api/webhooks/stripe`,
          secret: readEmulatorSecrets(config)?.webhookSecret ?? EMULATOR_WEBHOOK_SECRET,
        },
      ],
    });
    stripeTarget = { kind: 'in-process', fetch: emulator.fetch };
    stripeWhere = `a Stripe emulator in this process (${config.stripe.emulatorDatabasePath})`;
  }
  const runtime = await createRuntime({ config, clock, stripeTarget });
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  try {
    await restoreDemoClock(runtime);
    runtime.logger.info({ stripe: stripeWhere, today: runtime.clock.today() }, 'renewal run starting');
    // Under the renewal job's lease: never beside the server's daily run (on any instance) or another script.
    // When one goes on, wait for it, then run: what it did is done (the ledger), what it left is finished here.
    const work = () =>
      runExclusive({ ...runtime, leaseTtlMs: runtime.config.jobs.leaseTtlMs }, RENEWALS_JOB, async () => {
        const planned = await planMissingRenewals(runtime);
        const report = await runRenewals(runtime, {
          trigger: 'script',
          ...(values.date ? { forDate: values.date } : {}),
          signal: controller.signal,
          leaseMs: runtime.config.jobs.leaseTtlMs,
        });
        return { planned, report };
      });
    let outcome = await work();
    while (outcome === 'busy') {
      if (controller.signal.aborted) return 130;
      runtime.logger.info('a renewal run is going (the server or another script): waiting for it to end');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      outcome = await work();
    }
    const { planned, report } = outcome;
    process.stdout.write(
      `${JSON.stringify({ run: report.runId, date: report.forDate, ms: report.ms, planned, ...report.stats })}\n`,
    );
    return controller.signal.aborted ? 130 : 0;
  } finally {
    emulator?.close();
    await runtime.close();
  }
}

exitWith(main, 'The renewal run failed');
