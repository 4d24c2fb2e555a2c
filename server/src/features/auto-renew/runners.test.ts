// Two real processes of `pnpm renewals:run` on the same database at the same moment (as when someone runs it
// by hand while the server's scheduled run goes on), reaching the Stripe emulator over HTTP: each notice is
// sent once and the card is charged once. A third run afterwards finishes anything either had to leave.

import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  intentsOf,
  outbox,
  renewalOf,
  runAt,
  SALES,
  saveCard,
  stripeCustomerOf,
  turnOn,
} from '../../testing/auto-renew.ts';
import { createTestContext, TEST_ORIGIN, type TestContext } from '../../testing/harness.ts';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '../../..');

let ctx: TestContext;
let closeStripe: () => Promise<void> = async () => {};
afterEach(async () => {
  await closeStripe();
  await ctx.dispose();
});

/** Serves the test's in-process Stripe emulator on a port, for the child processes. */
async function serveEmulator(): Promise<number> {
  const server = createAdaptorServer({ fetch: ctx.emulator.fetch });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  closeStripe = () => new Promise((resolve) => server.close(() => resolve()));
  return (server.address() as AddressInfo).port;
}

function runScript(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/scripts/renewals-run.ts'], {
      cwd: serverDir,
      // biome-ignore lint/style/noProcessEnv: the child runs as the script would, in this environment plus its own.
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('pnpm renewals:run', () => {
  it('two processes at once send each notice and charge the card once', { timeout: 60_000 }, async () => {
    ctx = await createTestContext();
    const alex = await ctx.signedIn('alex@northwind.example');
    await saveCard(ctx, alex, SALES);
    await turnOn(alex, SALES, 1);
    await runAt(ctx, '2026-12-27T03:00:00.000Z');
    const port = await serveEmulator();

    // The demo clock the children restore: the day of the final notice, then the day of the charge.
    const setDay = async (iso: string) => {
      const offset = new Date(iso).getTime() - Date.now();
      await ctx.db
        .insertInto('app_settings')
        .values({ key: 'demo.clock_offset_ms', value_json: String(offset), updated_at: iso })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: String(offset) }))
        .execute();
    };
    const env = {
      DATABASE_PATH: ctx.config.databasePath,
      DATABASE_URL: ctx.config.databaseUrl ?? '',
      STRIPE_SECRET_KEY: '',
      STRIPE_EMULATOR_PORT: String(port),
      PUBLIC_URL: TEST_ORIGIN,
      LOG_LEVEL: 'silent',
      SMTP_URL: '',
    };

    await setDay('2027-01-19T03:00:00.000Z');
    const notices = await Promise.all([runScript(env), runScript(env)]);
    for (const run of notices) expect(run.code, run.output).toBe(0);
    expect(await outbox(ctx, { template: 'auto_renew_notice_final' })).toHaveLength(2);

    await setDay('2027-01-26T03:00:00.000Z');
    const charges = await Promise.all([runScript(env), runScript(env)]);
    for (const run of charges) expect(run.code, run.output).toBe(0);
    const finish = await runScript(env);
    expect(finish.code, finish.output).toBe(0);

    const intents = await intentsOf(ctx, await stripeCustomerOf(ctx, 'acct_northwind'));
    expect(intents).toHaveLength(1);
    expect(intents[0]?.status).toBe('succeeded');
    const done = await ctx.db
      .selectFrom('auto_renewals')
      .select('state')
      .where('subscription_id', '=', SALES)
      .where('term_end', '=', '2027-01-26')
      .executeTakeFirstOrThrow();
    expect(done.state).toBe('succeeded');
    expect((await renewalOf(ctx, SALES)).term_end).toBe('2028-01-26');
    expect(
      await ctx.db.selectFrom('invoices').selectAll().where('subscription_id', '=', SALES).execute(),
    ).toHaveLength(1);
    expect(await outbox(ctx, { template: 'payment_receipt' })).toHaveLength(1);
  });
});
