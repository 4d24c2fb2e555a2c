// The emulator on a real port: SDK over HTTP, the hosted page in a browser-like client, state across restarts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { startStripeEmulator } from './server.ts';
import { cardForm, createPaymentSession } from './testing/harness.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function client(port: number): Stripe {
  return new Stripe('sk_test_over_http', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
}

describe('startStripeEmulator', () => {
  it('serves the SDK and the hosted page over HTTP, and keeps state across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stripe-emulator-'));
    dirs.push(dir);
    const databasePath = join(dir, 'data', 'stripe-emulator.db');

    const first = await startStripeEmulator({ databasePath, port: 0 });
    expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
    const stripe = client(first.port);
    const session = await createPaymentSession(stripe);
    expect(session.url).toBe(`${first.url}/c/pay/${session.id}`);

    const page = await fetch(session.url ?? '');
    expect(await page.text()).toContain('Card number');
    const paid = await fetch(session.url ?? '', {
      method: 'POST',
      body: new URLSearchParams(cardForm('4242424242424242', { email: 'ada@example.com' })),
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    await first.close();

    const second = await startStripeEmulator({ databasePath, port: 0 });
    try {
      const again = await client(second.port).checkout.sessions.retrieve(session.id);
      expect(again).toMatchObject({ status: 'complete', payment_status: 'paid' });
    } finally {
      await second.close();
    }
  });
});
