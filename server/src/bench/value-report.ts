// `pnpm bench:value-report`: builds a temporary SQLite database with 1,000 subscriptions × 3 years × 20
// metrics of daily usage (≈ 21.9 million rows), then measures through the real app (`app.request`, signed
// in, the whole middleware stack) the p50/p95 time of GET /api/subscriptions/:id/value-report and the
// ingestion rate of POST /api/v1/usage in batches of 5,000. Targets: p95 < 50 ms, > 20,000 records/s.
// Not product code: the bulk build uses SQLite's own SQL on a raw better-sqlite3 handle.
//
// Options: --subscriptions=N --years=N --requests=N --batches=N --keep (keep the database file).

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays } from '@portal/shared/dates';
import { createApp } from '../app.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { createFixedClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { createRuntime } from '../runtime.ts';
import { TEST_ORIGIN, TestClient } from '../testing/harness.ts';
import { benchUserEmail, buildBenchDatabase, METRIC_COUNT } from './bulk-seed.ts';

const NOW = '2026-11-23T12:00:00.000Z';
const TODAY = NOW.slice(0, 10);
const PASSWORD = 'bench-password';
const SUBS_PER_ACCOUNT = 20;
const TARGET_P95_MS = 50;
const TARGET_RECORDS_PER_S = 20_000;

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : fallback;
}

const SUBSCRIPTIONS = option('subscriptions', 1_000);
const YEARS = option('years', 3);
const REQUESTS = option('requests', 400);
const BATCHES = option('batches', 40);
const KEEP = process.argv.includes('--keep');

const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const databasePath = join(dir, 'bench.db');
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_PATH: databasePath,
    PUBLIC_URL: TEST_ORIGIN,
    LOG_LEVEL: 'silent',
  });
  const clock = createFixedClock(NOW, config.timeZone);
  const accounts = Math.ceil(SUBSCRIPTIONS / SUBS_PER_ACCOUNT);
  const days = Math.round(YEARS * 365.25);
  log(
    `value-report benchmark: ${SUBSCRIPTIONS} subscriptions × ${days} days × ${METRIC_COUNT} metrics` +
      ` = ${(SUBSCRIPTIONS * days * METRIC_COUNT).toLocaleString('en')} usage rows (${databasePath})`,
  );

  try {
    const passwordHash = await hashPassword(PASSWORD);
    const nowIso = clock.now().toISOString();
    const built = await buildBenchDatabase({
      config,
      clock,
      accounts,
      subscriptionsPerAccount: SUBS_PER_ACCOUNT,
      usageSubscriptions: SUBSCRIPTIONS,
      years: YEARS,
      passwordHash,
      analyze: true,
    });
    const subscriptionIds = built.subscriptionIds;
    log(
      `built ${built.usageRows.toLocaleString('en')} usage rows in ${seconds(built.usageMs)}` +
        ` (whole build ${seconds(built.buildMs)}); file ${(statSync(databasePath).size / 2 ** 30).toFixed(2)} GiB`,
    );

    // 3. The app as it runs in production, reached in-process.
    const runtime = await createRuntime({ config, clock, logger: createLogger('silent') });
    const app = createApp(runtime);
    const signedIn: TestClient[] = [];
    const signedInAccounts = Math.min(accounts, 10);
    for (let a = 0; a < signedInAccounts; a++) {
      const client = new TestClient(app);
      client.ip = `198.51.100.${a + 1}`;
      const response = await client.post('/api/auth/sign-in', {
        email: benchUserEmail(a),
        password: PASSWORD,
      });
      if (response.status !== 200)
        throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
      signedIn.push(client);
    }

    const reportOnce = async (i: number) => {
      const a = i % signedInAccounts;
      const s = a * SUBS_PER_ACCOUNT + ((i * 7) % SUBS_PER_ACCOUNT);
      const term = i % 5 === 4 ? '?term=previous' : '';
      const started = performance.now();
      const response = await (signedIn[a] as TestClient).get(
        `/api/subscriptions/${subscriptionIds[s]}/value-report${term}`,
      );
      await response.arrayBuffer();
      const elapsed = performance.now() - started;
      if (response.status !== 200) throw new Error(`value report answered ${response.status}`);
      return elapsed;
    };
    for (let i = 0; i < 20; i++) await reportOnce(i); // warm-up
    const timings: number[] = [];
    for (let i = 0; i < REQUESTS; i++) timings.push(await reportOnce(i));
    timings.sort((x, y) => x - y);
    const p50 = percentile(timings, 50);
    const p95 = percentile(timings, 95);
    log(
      `value report: ${REQUESTS} requests (current and previous terms, ${signedInAccounts * SUBS_PER_ACCOUNT} subscriptions)` +
        `  p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  p99 ${percentile(timings, 99).toFixed(1)} ms` +
        `  max ${(timings.at(-1) ?? 0).toFixed(1)} ms`,
    );

    // 4. Ingestion: a key created by ops, 5,000-record batches pushed the way the vendor's systems do.
    const ops = new TestClient(app);
    await runtime.db
      .insertInto('users')
      .values({
        id: 'usr_bench_ops',
        account_id: null,
        email: 'ops@bench.example',
        name: 'Ops',
        role: 'ops',
        locale: 'en',
        password_hash: passwordHash,
        status: 'active',
        last_sign_in_at: null,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    await ops.post('/api/auth/sign-in', { email: 'ops@bench.example', password: PASSWORD });
    const created = await ops.post('/api/ops/api-keys', { name: 'bench' });
    const { secret } = (await created.json()) as { secret: string };
    const metricCodes = (await runtime.db.selectFrom('metrics').select('code').orderBy('code').execute()).map(
      (m) => m.code,
    );
    const batchDays = Math.floor(5_000 / metricCodes.length);
    const pushBatch = async (b: number, dayOffset: number) => {
      const records = [];
      const subscriptionId = subscriptionIds[(b * 37) % subscriptionIds.length];
      for (const metric of metricCodes) {
        for (let d = 0; d < batchDays; d++) {
          records.push({
            subscriptionId,
            metric,
            date: addDays(TODAY, -(dayOffset + d + 1)),
            value: (b + d) % 300,
          });
        }
      }
      const response = await app.request('/api/v1/usage', {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ records }),
      });
      if (response.status !== 200)
        throw new Error(`ingestion answered ${response.status}: ${await response.text()}`);
      return records.length;
    };
    await pushBatch(BATCHES + 1, 0); // warm-up
    let records = 0;
    const ingestStarted = performance.now();
    for (let b = 0; b < BATCHES; b++) records += await pushBatch(b, (b % 4) * batchDays);
    const ingestMs = performance.now() - ingestStarted;
    const rate = records / (ingestMs / 1000);
    log(
      `ingestion: ${records.toLocaleString('en')} records in ${BATCHES} batches of 5,000 (upserts over existing days)` +
        ` in ${seconds(ingestMs)}: ${Math.round(rate).toLocaleString('en')} records/s`,
    );
    await runtime.close();

    const isP95Met = p95 < TARGET_P95_MS;
    const isRateMet = rate > TARGET_RECORDS_PER_S;
    log(
      `targets: p95 < ${TARGET_P95_MS} ms ${isP95Met ? 'met' : 'MISSED'}; ingestion > ${TARGET_RECORDS_PER_S.toLocaleString('en')} records/s ${isRateMet ? 'met' : 'MISSED'}`,
    );
    if (!isP95Met || !isRateMet) process.exitCode = 1;
  } finally {
    if (KEEP) log(`kept ${databasePath}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
