// The emulator the portal runs beside itself when it has no Stripe key (DESIGN.md §6): on loopback unless
// STRIPE_EMULATOR_HOST says otherwise, accepting only this start's secret key, with its control endpoints
// behind a separate secret. With a real STRIPE_SECRET_KEY, or STRIPE_EMULATOR_URL naming an emulator another
// process runs (several instances sharing one), it is never started.

import { CONTROL_SECRET_HEADER, startStripeEmulator } from '../stripe-emulator/index.ts';
import type { EmulatorSecrets } from './platform/stripe/emulator-secrets.ts';
import type { Runtime } from './runtime.ts';

export type PortalEmulator = Awaited<ReturnType<typeof startStripeEmulator>> & {
  /** In-process calls to the control endpoints (demo seeding), with the control secret. */
  controlFetch(request: Request): Promise<Response>;
};

export async function startPortalEmulator(
  runtime: Pick<Runtime, 'config' | 'clock' | 'logger' | 'stripe'>,
  secrets: EmulatorSecrets | undefined,
): Promise<PortalEmulator | null> {
  const { config } = runtime;
  if (config.stripe.secretKey || config.stripe.emulatorUrl || !runtime.stripe.isEmulated || !secrets) {
    return null; // a real key, or an emulator another process runs (STRIPE_EMULATOR_URL)
  }
  const running = await startStripeEmulator({
    port: config.stripe.emulatorPort,
    host: config.stripe.emulatorHost,
    databasePath: config.stripe.emulatorDatabasePath,
    now: () => runtime.clock.now(),
    logger: runtime.logger,
    apiKey: secrets.secretKey,
    controlSecret: secrets.controlSecret,
  });
  return {
    ...running,
    controlFetch: (request) => {
      request.headers.set(CONTROL_SECRET_HEADER, secrets.controlSecret);
      return running.emulator.fetch(request);
    },
  };
}
