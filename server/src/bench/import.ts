// `pnpm bench:import` (issue 13 item 8): 100,000 accounts, each with a contact and a contract, loaded twice
// into fresh databases — through the CSV import (HTTP upload, dry run, apply: the ops path) and through the
// `/api/v1` API in batches of MAX_BATCH_RECORDS with an API key — against the portal served on a real port.
// Prints rows/s and peak memory (RSS) of each path and the machine's load average. Target: each path under
// 60 s and 512 MiB.
//
// Options: --accounts=N (default 100,000), --only=csv|api. SQLite (a temporary file per path).
// `pnpm bench:import` runs node with --max-old-space-size=256, the memory budget a deployment with this target
// sets: without it V8 lets the heap grow to ~370 MiB of garbage while its GC waits for a core (decision 025).

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import type { TImport, TImportKind } from '@portal/shared/schemas/imports';
import { MAX_BATCH_RECORDS } from '@portal/shared/schemas/vendor-api';
import { createApp } from '../app.ts';
import { createApiKey } from '../features/api-keys/service.ts';
import { createFixedClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { DEMO_PASSWORD } from '../seed/accounts.ts';
import { seedDemoData } from '../seed/index.ts';
import { TEST_ORIGIN } from '../testing/harness.ts';
import { accountsCsv, contactsCsv, generatedRecords, subscriptionsCsv } from '../testing/imports.ts';

const NOW = '2026-11-23T12:00:00.000Z';
const TARGET_SECONDS = 60;
const TARGET_RSS_MIB = 512;
const OPS_EMAIL = 'ops@vendor.example';

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const ACCOUNTS = Number(option('accounts') ?? 100_000);
const ONLY = option('only');

const log = (line: string) => process.stdout.write(`${line}\n`);
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** Peak resident memory while `run` works, sampled every 50 ms. */
async function measured<T>(
  run: () => Promise<T>,
): Promise<{ result: T; ms: number; peakRss: number; peakHeap: number }> {
  globalThis.gc?.();
  let peakRss = process.memoryUsage.rss();
  let peakHeap = process.memoryUsage().heapTotal;
  const timer = setInterval(() => {
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapTotal);
  }, 50);
  const start = performance.now();
  try {
    const result = await run();
    const ms = performance.now() - start;
    return { result, ms, peakRss: Math.max(peakRss, process.memoryUsage.rss()), peakHeap };
  } finally {
    clearInterval(timer);
  }
}

type Portal = { runtime: Runtime; url: string; close(): Promise<void> };

async function startPortal(label: string): Promise<Portal> {
  const dir = mkdtempSync(join(tmpdir(), `portal-bench-import-${label}-`));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: join(dir, 'bench.db'),
    PUBLIC_URL: TEST_ORIGIN,
    LOG_LEVEL: 'silent',
    USAGE_REQUESTS_PER_MINUTE: '100000',
    MAX_IN_FLIGHT_REQUESTS: '1000',
  });
  const runtime = await createRuntime({ config, clock: createFixedClock(NOW, config.timeZone) });
  await seedDemoData(runtime.db, runtime.clock);
  const app = createApp(runtime);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    runtime,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function signInOps(portal: Portal): Promise<string> {
  const response = await fetch(`${portal.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: TEST_ORIGIN },
    body: JSON.stringify({ email: OPS_EMAIL, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Upload, dry run, apply one file over HTTP as ops would; polls the import as the page does. */
async function importCsv(portal: Portal, cookie: string, kind: TImportKind, csv: string): Promise<TImport> {
  const headers = { origin: TEST_ORIGIN, cookie };
  const call = async (path: string, init: RequestInit = {}) => {
    const request = () =>
      fetch(`${portal.url}/api/ops/imports${path}`, {
        ...init,
        headers: { ...headers, ...(init.headers as Record<string, string>) },
      });
    // A poll may meet a keep-alive socket the server just closed (busy machine): once more on a fresh one.
    const response = await request().catch(() => (init.method ? Promise.reject(new Error(path)) : request()));
    const body = (await response.json()) as { import: TImport; error?: { message: string } };
    if (!response.ok) throw new Error(`${path}: ${response.status} ${body.error?.message}`);
    return body.import;
  };
  const waitFor = async (id: string, state: TImport['state']) => {
    for (;;) {
      const found = await call(`/${id}`);
      if (found.state === state) return found;
      if (found.state === 'failed') throw new Error(`import ${id} failed: ${found.error}`);
      await sleep(250);
    }
  };
  const t0 = performance.now();
  const started = await call(`?kind=${kind}&fileName=${kind}.csv`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
  const t1 = performance.now();
  await waitFor(started.id, 'checked');
  const t2 = performance.now();
  await call(`/${started.id}/apply`, { method: 'POST' });
  const applied = await waitFor(started.id, 'applied');
  const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
  log(`    (upload ${seconds(t0, t1)}, dry run ${seconds(t1, t2)}, apply ${seconds(t2, performance.now())})`);
  return applied;
}

/** A batch of records of one kind as the API takes them (the same rows as the CSV files). */
function apiRecords(kind: TImportKind, n: number, from: number): object[] {
  const out: object[] = [];
  for (let i = from; i < Math.min(from + MAX_BATCH_RECORDS, n + 1); i++) {
    const records = generatedRecords(i, 'API');
    out.push(
      kind === 'accounts' ? records.account : kind === 'contacts' ? records.contact : records.subscription,
    );
  }
  return out;
}

/** The same load through `/api/v1` in batches, one request at a time per kind (a vendor's loader). */
async function importApi(portal: Portal, secret: string, kind: TImportKind, n: number): Promise<number> {
  let records = 0;
  for (let from = 1; from <= n; from += MAX_BATCH_RECORDS) {
    const batch = apiRecords(kind, n, from);
    const response = await fetch(`${portal.url}/api/v1/${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records: batch }),
    });
    if (!response.ok) throw new Error(`/api/v1/${kind}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    records += batch.length;
  }
  return records;
}

async function csvPath() {
  const portal = await startPortal('csv');
  try {
    const cookie = await signInOps(portal);
    // Each file is made just before its upload: the client holds one file at a time, as a browser would.
    const files: [TImportKind, () => string][] = [
      ['accounts', () => accountsCsv(ACCOUNTS)],
      ['contacts', () => contactsCsv(ACCOUNTS)],
      ['subscriptions', () => subscriptionsCsv(ACCOUNTS)],
    ];
    const run = await measured(async () => {
      for (const [kind, file] of files) {
        const csv = file();
        const start = performance.now();
        const { created, updated, unchanged, refused } = (await importCsv(portal, cookie, kind, csv)).result;
        const ms = performance.now() - start;
        log(
          `  csv ${kind.padEnd(13)} ${(ms / 1000).toFixed(1)} s  ${Math.round(ACCOUNTS / (ms / 1000))} rows/s  created ${created} updated ${updated} unchanged ${unchanged} refused ${refused}  (load ${loadavg()[0]?.toFixed(1)})`,
        );
      }
    });
    return { rows: ACCOUNTS * files.length, ms: run.ms, peakRss: run.peakRss, peakHeap: run.peakHeap };
  } finally {
    await portal.close();
  }
}

async function apiPath() {
  const portal = await startPortal('api');
  try {
    const ops = await portal.runtime.db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role', 'locale', 'account_id'])
      .where('email', '=', OPS_EMAIL)
      .executeTakeFirstOrThrow();
    const key = await createApiKey(
      portal.runtime,
      { id: ops.id, email: ops.email, name: ops.name, role: 'ops', locale: 'en', accountId: null },
      { name: 'bench import', scopes: ['accounts:write'] },
    );
    const kinds: TImportKind[] = ['accounts', 'contacts', 'subscriptions'];
    const run = await measured(async () => {
      for (const kind of kinds) {
        const start = performance.now();
        await importApi(portal, key.secret, kind, ACCOUNTS);
        const ms = performance.now() - start;
        log(
          `  api ${kind.padEnd(13)} ${(ms / 1000).toFixed(1)} s  ${Math.round(ACCOUNTS / (ms / 1000))} rows/s`,
        );
      }
    });
    return { rows: ACCOUNTS * kinds.length, ms: run.ms, peakRss: run.peakRss, peakHeap: run.peakHeap };
  } finally {
    await portal.close();
  }
}

function report(label: string, figures: { rows: number; ms: number; peakRss: number; peakHeap: number }) {
  const seconds = figures.ms / 1000;
  const ok = seconds < TARGET_SECONDS && figures.peakRss < TARGET_RSS_MIB * 1024 * 1024;
  log(
    `${label}: ${figures.rows} rows in ${seconds.toFixed(1)} s = ${Math.round(figures.rows / seconds)} rows/s, peak RSS ${mib(figures.peakRss)} (JS heap ${mib(figures.peakHeap)}) ${ok ? '(within target)' : `(target: < ${TARGET_SECONDS} s, < ${TARGET_RSS_MIB} MiB)`}`,
  );
}

async function main() {
  log(
    `bench:import — ${ACCOUNTS} accounts, each with a contact and a contract; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (ONLY !== 'api') report('CSV path (upload + dry run + apply)', await csvPath());
  if (ONLY !== 'csv') {
    try {
      report('API path (/api/v1 batches)', await apiPath());
    } catch (err) {
      log(`API path: not measured: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
