// Builds the dependencies every entry point needs (server, scripts, tests): config, logger, migrated
// database, clock. Callers own the lifetime and call `close()`.

import { createPortalHooks } from './hooks.ts';
import { type AdjustableClock, createClock } from './platform/clock.ts';
import { type Config, loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db/connection.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import type { AppDeps } from './platform/http/context.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createLocalInbox } from './platform/notifications/local-inbox.ts';
import {
  createStripeClient,
  EMULATOR_SECRET_KEY,
  EMULATOR_WEBHOOK_SECRET,
  type StripeTarget,
} from './platform/stripe/client.ts';
import { type EmulatorSecrets, readEmulatorSecrets } from './platform/stripe/emulator-secrets.ts';

export type Runtime = AppDeps & { close(): Promise<void> };

export async function createRuntime(
  options: {
    config?: Config;
    configDefaults?: Record<string, string>;
    clock?: AdjustableClock;
    logger?: Logger;
    /** Where Stripe calls go; by default Stripe with STRIPE_SECRET_KEY, else the emulator on its port. */
    stripeTarget?: StripeTarget;
    /** The emulator's secrets for this start (main.ts); scripts read the running portal's from its file. */
    emulatorSecrets?: EmulatorSecrets;
  } = {},
): Promise<Runtime> {
  const config = options.config ?? loadConfig(undefined, options.configDefaults);
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = openDatabase(config);
  const applied = await migrateToLatest(database.db);
  if (applied.length) logger.info({ migrations: applied }, 'database migrated');
  const clock = options.clock ?? createClock(config.timeZone);
  const secretKey = config.stripe.secretKey;
  const emulatorSecrets = secretKey ? null : (options.emulatorSecrets ?? readEmulatorSecrets(config));
  const stripeTarget: StripeTarget =
    options.stripeTarget ??
    (secretKey
      ? { kind: 'stripe', secretKey }
      : {
          kind: 'emulator',
          url: config.stripe.emulatorUrl ?? `http://127.0.0.1:${config.stripe.emulatorPort}`,
          secretKey: emulatorSecrets?.secretKey ?? EMULATOR_SECRET_KEY,
        });
  const stripe = {
    client: createStripeClient(stripeTarget),
    webhookSecret: config.stripe.webhookSecret ?? emulatorSecrets?.webhookSecret ?? EMULATOR_WEBHOOK_SECRET,
    isEmulated: stripeTarget.kind !== 'stripe',
  };
  const localInbox = config.smtpUrl ? undefined : createLocalInbox(config, logger);
  return {
    db: database.db,
    clock,
    config,
    logger,
    stripe,
    hooks: createPortalHooks(),
    ...(localInbox ? { localInbox } : {}),
    close: () => database.close(),
  };
}
