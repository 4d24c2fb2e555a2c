// `pnpm bench:reconcile`: builds a temporary SQLite database with 1,000,000 portal payments (with invoices) and
// 1,000,000 synced Stripe balance transactions in 1,000 automatic payouts, with a thousand of each exception
// class planted, then measures, each in a fresh child process so that its peak memory is its own:
//   1. the reconciliation run (the product's runReconciliation): wall time and peak RSS, twice, and that both
//      runs give the same fingerprint; targets < 60 s and < 1 GiB;
//   2. the ledger CSV export of the 1,000,000 payments through the real app (signed in as finance, the whole
//      middleware stack), read as a stream: time, rows, and RSS sampled along the way (memory must stay flat).
// Not product code: the bulk build uses SQLite's own SQL on a raw better-sqlite3 handle.
//
// Options: --payments=N --keep (keep the database file) --db=PATH (reuse a database built with --keep).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { createApp } from '../app.ts';
import { runReconciliation } from '../features/finance/reconciliation/reconcile-service.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { createFixedClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { createRuntime } from '../runtime.ts';
import { TEST_ORIGIN, TestClient } from '../testing/harness.ts';

const NOW = '2026-11-23T12:00:00.000Z';
const PASSWORD = 'bench-password';
const FINANCE_EMAIL = 'finance@bench.example';
const TARGET_SECONDS = 60;
const TARGET_RSS_BYTES = 2 ** 30;
const PER_PAYOUT = 1_000;
const ACCOUNTS = 1_000;

function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

const PAYMENTS = Number(option('payments') ?? 1_000_000);
const KEEP = process.argv.includes('--keep');
const log = (line: string) => process.stdout.write(`${line}\n`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function configFor(databasePath: string) {
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_PATH: databasePath,
    PUBLIC_URL: TEST_ORIGIN,
    LOG_LEVEL: 'silent',
    STRIPE_SECRET_KEY: '',
  });
}

/**
 * This process's peak resident set: VmHWM on Linux (reset by exec, unlike getrusage's maxrss, which a spawned
 * child can report from before it started), else maxRSS.
 */
function peakRssBytes(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    if (kib) return Number(kib) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** Stripe's card fee (2.9 % + 30), as the emulator charges it. */
const feeOf = (amount: number) => Math.round((amount * 29) / 1000) + 30;

async function build(databasePath: string): Promise<void> {
  const config = configFor(databasePath);
  const runtime = await createRuntime({
    config,
    clock: createFixedClock(NOW),
    logger: createLogger('silent'),
  });
  await runtime.close();
  const started = performance.now();
  const sqlite = new SqliteDatabase(databasePath);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -500000');
  const base = Date.parse('2025-01-01T00:00:00.000Z');
  const iso = (i: number) => new Date(base + i * 20_000).toISOString();
  const passwordHash = await hashPassword(PASSWORD);

  const insertAccount = sqlite.prepare(
    `insert into accounts (id, name, currency, locale, country, created_at, updated_at)
     values (?, ?, 'USD', 'en', 'US', ?, ?)`,
  );
  const insertPayment = sqlite.prepare(
    `insert into payments (id, account_id, quote_id, source, stripe_payment_intent_id, stripe_charge_id,
       stripe_balance_transaction_id, amount_minor, fee_minor, net_minor, currency, status, fulfilment_status,
       paid_at, created_at, updated_at)
     values (?, ?, ?, 'checkout', ?, ?, ?, ?, ?, ?, 'USD', 'succeeded', 'fulfilled', ?, ?, ?)`,
  );
  const insertInvoice = sqlite.prepare(
    `insert into invoices (id, number, account_id, subscription_id, subscription_label, quote_id, quote_number,
       payment_id, locale, currency, description, lines_json, subtotal_minor, discount_minor, credit_minor,
       tax_rate_bp, tax_label, tax_minor, total_minor, amount_paid_minor, seller_json, buyer_json, payment_json,
       service_start, service_end, issue_date, issued_at)
     values (?, ?, ?, 'sub_bench', 'Workspace', ?, ?, ?, 'en', 'USD', 'Renewal', '[]', ?, 0, 0, 0, 'Tax', 0, ?, ?,
       '{}', '{}', '{}', '2025-01-01', '2026-01-01', ?, ?)`,
  );
  const insertTxn = sqlite.prepare(
    `insert into stripe_balance_transactions (id, type, reporting_category, amount_minor, fee_minor, net_minor,
       currency, status, source_id, source_type, charge_id, payment_intent_id, quote_id, payout_id,
       stripe_created_at, available_on, synced_at)
     values (?, ?, ?, ?, ?, ?, ?, 'available', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPayout = sqlite.prepare(
    `insert into stripe_payouts (id, amount_minor, currency, status, is_automatic, method, balance_transaction_id,
       stripe_created_at, arrival_at, transactions_linked_at, synced_at)
     values (?, ?, 'USD', 'paid', 1, 'standard', ?, ?, ?, ?, ?)`,
  );
  const pad = (i: number) => String(i).padStart(7, '0');
  // Ids as long as the real ones (the portal's 24 characters, Stripe's 27), spread like random ids are.
  const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
  const scramble = (i: number, salt: number, length: number) => {
    let out = '';
    let x = Math.imul(i + 1, 2_654_435_761) ^ salt;
    for (let k = 0; k < length; k++) {
      x = Math.imul(x ^ (x >>> 15), 2_246_822_519) ^ (k * 97 + salt);
      out += ALPHABET[(x >>> 27) & 31];
    }
    return `${out}${pad(i)}`.slice(-length);
  };
  const payId = (i: number) => `pay_${scramble(i, 1, 20)}`;
  const chargeId = (i: number) => `ch_3${scramble(i, 2, 23)}`;
  const intentId = (i: number) => `pi_3${scramble(i, 3, 23)}`;
  const txnId = (i: number) => `txn_3${scramble(i, 4, 23)}`;
  const quoteId = (i: number) => `quo_${scramble(i, 5, 20)}`;
  const invoiceId = (i: number) => `inv_${scramble(i, 6, 20)}`;

  sqlite.transaction(() => {
    for (let a = 0; a < ACCOUNTS; a++) insertAccount.run(`acct_b${a}`, `Bench account ${a}`, NOW, NOW);
    sqlite
      .prepare(
        `insert into users (id, account_id, email, name, role, locale, password_hash, status, created_at, updated_at)
         values ('usr_bench_finance', null, ?, 'Bench finance', 'finance', 'en', ?, 'active', ?, ?)`,
      )
      .run(FINANCE_EMAIL, passwordHash, NOW, NOW);

    let payoutNet = 0;
    let payoutIndex = 0;
    let inPayout = 0;
    const closePayout = (at: string) => {
      const id = `po_b${pad(payoutIndex)}`;
      insertTxn.run(
        `txn_po${pad(payoutIndex)}`,
        'payout',
        'payout',
        -payoutNet,
        0,
        -payoutNet,
        'USD',
        id,
        'payout',
        null,
        null,
        null,
        id,
        at,
        at,
        NOW,
      );
      insertPayout.run(id, payoutNet, `txn_po${pad(payoutIndex)}`, at, at, NOW, NOW);
      payoutIndex += 1;
      payoutNet = 0;
      inPayout = 0;
    };
    const stripeTxn = (
      i: number,
      amount: number,
      currency: string,
      charge: string,
      intent: string,
      quote: string,
      at: string,
    ) => {
      const fee = feeOf(amount);
      const payout = `po_b${pad(payoutIndex)}`;
      insertTxn.run(
        txnId(i),
        'charge',
        'charge',
        amount,
        fee,
        amount - fee,
        currency,
        charge,
        'charge',
        charge,
        intent,
        quote,
        payout,
        at,
        at,
        NOW,
      );
      payoutNet += amount - fee;
      inPayout += 1;
      if (inPayout === PER_PAYOUT) closePayout(at);
    };

    for (let i = 0; i < PAYMENTS; i++) {
      const at = iso(i);
      const amount = 10_000 + (i % 50_000);
      const fee = feeOf(amount);
      const planted = i % 1_000;
      // 17: the same quote paid a second time (the portal recorded both; only the first has an invoice).
      const quote = planted === 17 ? quoteId(i - 1) : quoteId(i);
      insertPayment.run(
        payId(i),
        `acct_b${i % ACCOUNTS}`,
        quote,
        intentId(i),
        chargeId(i),
        txnId(i),
        amount,
        fee,
        amount - fee,
        at,
        at,
        at,
      );
      if (planted !== 17)
        insertInvoice.run(
          invoiceId(i),
          `INV-B-${pad(i)}`,
          `acct_b${i % ACCOUNTS}`,
          quote,
          `Q-${pad(i)}`,
          payId(i),
          amount,
          amount,
          amount,
          at.slice(0, 10),
          at,
        );
      if (planted === 7) {
        // Missing at Stripe, and in its place a charge the portal does not know.
        stripeTxn(
          i,
          amount,
          'USD',
          chargeId(i + PAYMENTS),
          intentId(i + PAYMENTS),
          quoteId(i + PAYMENTS),
          at,
        );
      } else if (planted === 11) {
        stripeTxn(i, amount - 100, 'USD', chargeId(i), intentId(i), quote, at);
      } else if (planted === 13) {
        stripeTxn(i, amount, 'EUR', chargeId(i), intentId(i), quote, at);
      } else {
        stripeTxn(i, amount, 'USD', chargeId(i), intentId(i), quote, at);
      }
    }
    if (inPayout > 0) closePayout(iso(PAYMENTS));
    const cursor = Math.floor((base + PAYMENTS * 20_000) / 1000) + 86_400;
    sqlite
      .prepare(
        `insert into finance_sync_streams (stream, cursor_created, last_completed_at, updated_at) values ('balance_transactions', ?, ?, ?)`,
      )
      .run(cursor, NOW, NOW);
  })();
  sqlite.exec('analyze');
  sqlite.pragma('journal_mode = WAL');
  const counts = sqlite
    .prepare(
      `select (select count(*) from payments) as payments, (select count(*) from stripe_balance_transactions) as txns,
         (select count(*) from stripe_payouts) as payouts`,
    )
    .get() as { payments: number; txns: number; payouts: number };
  sqlite.close();
  log(
    `built ${counts.payments.toLocaleString('en')} payments, ${counts.txns.toLocaleString('en')} balance transactions, ` +
      `${counts.payouts.toLocaleString('en')} payouts in ${seconds(performance.now() - started)}; ` +
      `file ${(statSync(databasePath).size / 2 ** 30).toFixed(2)} GiB`,
  );
}

/** Child: one reconciliation run. */
async function phaseReconcile(databasePath: string) {
  const runtime = await createRuntime({
    config: configFor(databasePath),
    clock: createFixedClock(NOW),
    logger: createLogger('silent'),
  });
  const started = performance.now();
  const trace = process.argv.includes('--trace-memory')
    ? setInterval(() => {
        const m = process.memoryUsage();
        process.stderr.write(
          `  ${seconds(performance.now() - started)}: rss ${mib(m.rss)}, heap ${mib(m.heapUsed)}/${mib(m.heapTotal)}, external ${mib(m.external)}\n`,
        );
      }, 2_000)
    : null;
  const outcome = await runReconciliation(runtime);
  const ms = performance.now() - started;
  if (trace) clearInterval(trace);
  await runtime.close();
  if (outcome.status !== 'completed') throw new Error('reconciliation skipped');
  return {
    ms,
    maxRssBytes: peakRssBytes(),
    counts: outcome.counts,
    transactions: outcome.transactionCount,
    fingerprint: outcome.fingerprint,
    payouts: outcome.payouts.reduce<Record<string, number>>((acc, p) => {
      acc[p.outcome] = (acc[p.outcome] ?? 0) + 1;
      return acc;
    }, {}),
  };
}

/** Child: the ledger CSV of every payment through the app, read as a stream with RSS sampled. */
async function phaseCsv(databasePath: string) {
  const runtime = await createRuntime({
    config: configFor(databasePath),
    clock: createFixedClock(NOW),
    logger: createLogger('silent'),
  });
  const app = createApp(runtime);
  const client = new TestClient(app);
  const signIn = await client.post('/api/auth/sign-in', { email: FINANCE_EMAIL, password: PASSWORD });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
  const started = performance.now();
  const response = await client.get('/api/finance/ledger.csv?bom=1');
  if (response.status !== 200 || !response.body) throw new Error(`export failed: ${response.status}`);
  const reader = response.body.getReader();
  let bytes = 0;
  let rows = -1;
  const samples: { rows: number; rss: number }[] = [];
  let nextSample = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 0x0a) rows += 1;
    if (performance.now() >= nextSample) {
      samples.push({ rows, rss: process.memoryUsage().rss });
      nextSample = performance.now() + 250;
    }
  }
  samples.push({ rows, rss: process.memoryUsage().rss });
  const ms = performance.now() - started;
  await runtime.close();
  const settled = samples.filter((s) => s.rows >= rows * 0.1);
  const rssValues = settled.map((s) => s.rss);
  const at = (fraction: number) => samples.find((s) => s.rows >= rows * fraction)?.rss ?? 0;
  return {
    ms,
    rows,
    bytes,
    rssAt: { '10%': at(0.1), '50%': at(0.5), '90%': at(0.9), '100%': samples.at(-1)?.rss ?? 0 },
    rssSpreadAfter10Percent: Math.max(...rssValues) - Math.min(...rssValues),
    maxRssBytes: peakRssBytes(),
  };
}

function runChild<T>(phase: string, databasePath: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        `--phase=${phase}`,
        `--db=${databasePath}`,
        ...process.argv.filter((a) => a === '--trace-memory'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${phase} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as T);
    });
  });
}

type ReconcileResult = Awaited<ReturnType<typeof phaseReconcile>>;
type CsvResult = Awaited<ReturnType<typeof phaseCsv>>;

async function main() {
  const phase = option('phase');
  const given = option('db');
  if (phase && given) {
    const result = phase === 'reconcile' ? await phaseReconcile(given) : await phaseCsv(given);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const dir = given ? null : mkdtempSync(join(tmpdir(), 'portal-bench-reconcile-'));
  const databasePath = given ?? join(dir ?? '.', 'bench.db');
  log(
    `reconciliation benchmark: ${PAYMENTS.toLocaleString('en')} payments against as many balance transactions (${databasePath})`,
  );
  let failed = false;
  try {
    if (!given) await build(databasePath);
    const runs: ReconcileResult[] = [];
    for (const label of ['first run', 'second run']) {
      const result = await runChild<ReconcileResult>('reconcile', databasePath);
      runs.push(result);
      const ok = result.ms < TARGET_SECONDS * 1000 && result.maxRssBytes < TARGET_RSS_BYTES;
      failed ||= !ok;
      log(
        `reconcile (${label}): ${seconds(result.ms)}, peak RSS ${mib(result.maxRssBytes)} ` +
          `(targets < ${TARGET_SECONDS} s, < ${mib(TARGET_RSS_BYTES)}) ${ok ? 'OK' : 'MISSED'}; ` +
          `${result.transactions.toLocaleString('en')} transactions; ${JSON.stringify(result.counts)}; payouts ${JSON.stringify(result.payouts)}`,
      );
    }
    const isSame = runs[0]?.fingerprint === runs[1]?.fingerprint;
    failed ||= !isSame;
    log(`same answer twice: ${isSame ? 'yes' : 'NO'} (fingerprint ${runs[0]?.fingerprint.slice(0, 16)}…)`);

    const csv = await runChild<CsvResult>('csv', databasePath);
    const flat = csv.rssSpreadAfter10Percent < 64 * 2 ** 20;
    failed ||= !flat;
    log(
      `ledger CSV: ${csv.rows.toLocaleString('en')} rows, ${mib(csv.bytes)} in ${seconds(csv.ms)} ` +
        `(${Math.round(csv.rows / (csv.ms / 1000)).toLocaleString('en')} rows/s); RSS at 10/50/90/100 %: ` +
        `${Object.values(csv.rssAt).map(mib).join(' / ')}; spread after 10 % ${mib(csv.rssSpreadAfter10Percent)} ` +
        `${flat ? '(flat)' : '(NOT flat)'}; peak ${mib(csv.maxRssBytes)}`,
    );
  } finally {
    if (dir && !KEEP) rmSync(dir, { recursive: true, force: true });
    else log(`database kept at ${databasePath}`);
  }
  if (failed) process.exitCode = 1;
}

await main();
