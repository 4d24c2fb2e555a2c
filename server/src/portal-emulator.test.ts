// Issue 11 item 2: the emulator is not a door. It binds to loopback unless told otherwise, accepts only the
// portal's secret key, keeps its control endpoints behind a separate secret, and never starts with a real key.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL_SECRET_HEADER } from '../stripe-emulator/index.ts';
import { createClock } from './platform/clock.ts';
import { loadConfig } from './platform/config.ts';
import { createLogger } from './platform/logger.ts';
import {
  createEmulatorSecrets,
  readEmulatorSecrets,
  secretsFilePath,
} from './platform/stripe/emulator-secrets.ts';
import { startPortalEmulator } from './portal-emulator.ts';

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function configIn(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'portal-emu-'));
  dirs.push(dir);
  return loadConfig({ DATABASE_PATH: join(dir, 'portal.db'), STRIPE_EMULATOR_PORT: '0', ...env });
}

function runtimeFor(config: ReturnType<typeof loadConfig>, isEmulated = true) {
  return {
    config,
    clock: createClock('UTC'),
    logger: createLogger('silent'),
    stripe: { client: undefined as never, webhookSecret: 'x', isEmulated },
  };
}

const sdk = (url: string, key: string) => {
  const { hostname, port } = new URL(url);
  return new Stripe(key, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
};

describe("the portal's Stripe emulator", () => {
  it('listens on loopback by default, whatever HOST the portal uses', async () => {
    const config = configIn({ HOST: '0.0.0.0' });
    expect(config.stripe.emulatorHost).toBe('127.0.0.1');
    const running = await startPortalEmulator(runtimeFor(config), createEmulatorSecrets(config));
    if (!running) throw new Error('not started');
    closers.push(() => running.close());
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
  });

  it('accepts only the one secret key of this start', async () => {
    const config = configIn();
    const secrets = createEmulatorSecrets(config);
    const running = await startPortalEmulator(runtimeFor(config), secrets);
    if (!running) throw new Error('not started');
    closers.push(() => running.close());
    await expect(sdk(running.url, 'sk_test_anything_at_all').customers.list()).rejects.toMatchObject({
      statusCode: 401,
    });
    await expect(sdk(running.url, 'sk_test_emulator_local').customers.list()).rejects.toMatchObject({
      statusCode: 401,
    });
    expect((await sdk(running.url, secrets.secretKey).customers.list()).object).toBe('list');
  });

  it('keeps the control endpoints (webhook endpoints, clock, completion helpers) behind a separate secret', async () => {
    const config = configIn();
    const secrets = createEmulatorSecrets(config);
    const running = await startPortalEmulator(runtimeFor(config), secrets);
    if (!running) throw new Error('not started');
    closers.push(() => running.close());
    const control = (path: string, init: RequestInit = {}) => fetch(`${running.url}/_emulator${path}`, init);
    const asKeyHolder = { headers: { authorization: `Bearer ${secrets.secretKey}` } };
    for (const [path, init] of [
      ['/webhooks/endpoints', {}],
      ['/webhooks/endpoints', { method: 'PUT', body: JSON.stringify({ endpoints: [] }) }],
      ['/tick', { method: 'POST' }],
      ['/checkout/sessions/cs_x/complete', { method: 'POST', body: '{}' }],
      ['/payouts/run', { method: 'POST', body: '{}' }],
      ['/events', asKeyHolder],
    ] as const) {
      expect((await control(path, init)).status, path).toBe(401);
    }
    const allowed = await control('/webhooks/endpoints', {
      headers: { [CONTROL_SECRET_HEADER]: secrets.controlSecret },
    });
    expect(allowed.status).toBe(200);
    expect((await control('/health')).status).toBe(200);
  });

  it('never starts with a real STRIPE_SECRET_KEY', async () => {
    const config = configIn({ STRIPE_SECRET_KEY: 'sk_live_real', STRIPE_WEBHOOK_SECRET: 'whsec_real' });
    expect(await startPortalEmulator(runtimeFor(config, false), undefined)).toBeNull();
    expect(await startPortalEmulator(runtimeFor(config, true), createEmulatorSecrets(configIn()))).toBeNull();
  });

  it('hands its secrets to scripts through a file only its owner can read, random per start unless configured', () => {
    const config = configIn();
    const first = createEmulatorSecrets(config);
    expect(statSync(secretsFilePath(config)).mode & 0o777).toBe(0o600);
    expect(readEmulatorSecrets(config)).toEqual(first);
    const second = createEmulatorSecrets(config);
    expect(second.secretKey).not.toBe(first.secretKey);
    expect(second.controlSecret).not.toBe(first.controlSecret);
    const fixed = configIn({ STRIPE_EMULATOR_SECRET_KEY: 'sk_test_configured_key_1234567890' });
    expect(createEmulatorSecrets(fixed).secretKey).toBe('sk_test_configured_key_1234567890');
  });
});
