// The secrets between the portal and the Stripe emulator it runs (no STRIPE_SECRET_KEY): the one API key the
// emulator accepts, the secret of its control endpoints, and the webhook signing secret. Taken from the
// configuration when set, otherwise random at each start, and written to a 0600 file beside the database so
// that `pnpm renewals:run` and `pnpm finance:sync` reach the running portal's emulator (they read the file).
// Whoever can read that file can already read the database next to it.

import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';

export type EmulatorSecrets = { secretKey: string; controlSecret: string; webhookSecret: string };

export const secretsFilePath = (config: Pick<Config, 'dataDir'>) =>
  join(config.dataDir, 'stripe-emulator.secrets.json');

const random = (bytes: number) => randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x');

/** New secrets for this start (configured ones kept), written to the 0600 file. */
export function createEmulatorSecrets(config: Pick<Config, 'dataDir' | 'stripe'>): EmulatorSecrets {
  const secrets: EmulatorSecrets = {
    secretKey: config.stripe.emulatorSecretKey ?? `sk_test_${random(24)}`,
    controlSecret: config.stripe.emulatorControlSecret ?? random(32),
    webhookSecret: config.stripe.webhookSecret ?? `whsec_${random(32)}`,
  };
  mkdirSync(config.dataDir, { recursive: true });
  const path = secretsFilePath(config);
  writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // also when the file existed with wider rights
  return secrets;
}

/** The running portal's emulator secrets, for scripts beside it; null when the portal never started here. */
export function readEmulatorSecrets(config: Pick<Config, 'dataDir' | 'stripe'>): EmulatorSecrets | null {
  let stored: Partial<EmulatorSecrets> = {};
  try {
    stored = JSON.parse(readFileSync(secretsFilePath(config), 'utf8')) as Partial<EmulatorSecrets>;
  } catch {
    stored = {};
  }
  const secretKey = config.stripe.emulatorSecretKey ?? stored.secretKey;
  const controlSecret = config.stripe.emulatorControlSecret ?? stored.controlSecret;
  const webhookSecret = config.stripe.webhookSecret ?? stored.webhookSecret;
  if (!secretKey || !controlSecret || !webhookSecret) return null;
  return { secretKey, controlSecret, webhookSecret };
}
