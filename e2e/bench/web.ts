// `pnpm bench:web`: builds the web app and the server, starts the portal on a free port with a temporary database, loads the
// sign-in page and the customer dashboard in Chromium with a cold cache, and prints for each page the
// JavaScript over the wire (transfer size: headers and bodies as sent), the bodies alone, the same scripts'
// gzip size, the Largest Contentful Paint and the Total Blocking Time. Each page is loaded BENCH_RUNS times
// (default 3); the median is printed. `--no-build` skips the build; BENCH_VERBOSE=1 lists every script.
// To tell the machine from the page, it also prints where the time to LCP went (HTML received, last script
// received, first paint, the LCP element) and the LCP of a baseline: a static page with one heading and no
// script, served through the same browser — on an idle machine a few tens of ms, so what it costs here is
// the machine's, not the page's.

import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium } from '@playwright/test';
import { repoRoot, startPortal } from '../fixtures/portal-server.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CUSTOMER = { email: 'alex@northwind.example', password: 'renew-demo' };

interface Sample {
  jsTransfer: number;
  jsBody: number;
  jsGzip: number;
  jsFiles: number;
  lcp: number;
  tbt: number;
  /** When the HTML, the last script and the first paint arrived (ms from navigation start). */
  html: number;
  lastScript: number;
  fcp: number;
  lcpElement: string;
}

// Runs in the page before any of its scripts: records LCP candidates, FCP and long tasks.
const OBSERVE = `
  window.__bench = { lcp: 0, fcp: 0, longTasks: [], lcpElement: '' };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__bench.lcp = e.renderTime || e.loadTime || e.startTime;
      window.__bench.lcpElement = e.element ? e.element.tagName.toLowerCase() + ' "' + (e.element.textContent || '').slice(0, 30) + '"' : '';
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__bench.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
`;

async function measure(context: BrowserContext, url: string): Promise<Sample> {
  const page = await context.newPage();
  const scripts: Promise<{ transfer: number; body: number; gzip: number }>[] = [];
  page.on('requestfinished', (request) => {
    if (!new URL(request.url()).pathname.endsWith('.js')) return;
    scripts.push(
      (async () => {
        const sizes = await request.sizes();
        const response = await request.response();
        const body = response ? await response.body() : Buffer.alloc(0);
        if (process.env.BENCH_VERBOSE) {
          console.log(`  ${new URL(request.url()).pathname} ${sizes.responseBodySize} B compressed`);
        }
        return {
          transfer: sizes.responseBodySize + sizes.responseHeadersSize,
          body: sizes.responseBodySize,
          gzip: gzipSync(body).length,
        };
      })(),
    );
  });
  await page.addInitScript(OBSERVE);
  await page.goto(url, { waitUntil: 'networkidle' });
  // LCP is reported asynchronously after the paint; wait for it, then a moment for the last long tasks.
  await page.waitForFunction(() => (globalThis as unknown as { __bench: { lcp: number } }).__bench.lcp > 0);
  await page.waitForTimeout(500);
  const perf = await page.evaluate(() => {
    const bench = (
      globalThis as unknown as {
        __bench: { lcp: number; fcp: number; longTasks: [number, number][]; lcpElement: string };
      }
    ).__bench;
    const tbt = bench.longTasks
      .filter(([start]) => start >= bench.fcp)
      .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
    const navigation = performance.getEntriesByType('navigation' as never)[0] as unknown as
      | { responseEnd: number }
      | undefined;
    const scripts = (
      performance.getEntriesByType('resource' as never) as unknown as { name: string; responseEnd: number }[]
    ).filter((r) => r.name.endsWith('.js'));
    return {
      lcp: bench.lcp,
      tbt,
      html: navigation?.responseEnd ?? 0,
      lastScript: Math.max(0, ...scripts.map((r) => r.responseEnd)),
      fcp: bench.fcp,
      lcpElement: bench.lcpElement,
    };
  });
  const sizes = await Promise.all(scripts);
  await page.close();
  return {
    jsTransfer: sizes.reduce((s, x) => s + x.transfer, 0),
    jsBody: sizes.reduce((s, x) => s + x.body, 0),
    jsGzip: sizes.reduce((s, x) => s + x.gzip, 0),
    jsFiles: sizes.length,
    ...perf,
  };
}

const BASELINE_HTML =
  '<!doctype html><html lang="en"><title>Baseline</title><h1 style="font: 2rem system-ui">Renewal portal</h1></html>';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  if (!process.argv.includes('--no-build')) {
    execFileSync('pnpm', ['build'], { cwd: repoRoot, stdio: 'inherit' });
  }
  const portal = await startPortal();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const pages: { name: string; path: string; signedIn: boolean }[] = [
      { name: 'sign-in', path: '/sign-in', signedIn: false },
      { name: 'customer dashboard', path: '/', signedIn: true },
    ];
    console.log(`\nbench:web — ${RUNS} cold loads per page, median shown (${portal.baseUrl})\n`);
    for (const { name, path, signedIn } of pages) {
      const samples: Sample[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({
          baseURL: portal.baseUrl,
          viewport: { width: 1280, height: 800 },
        });
        if (signedIn) {
          const response = await context.request.post('/api/auth/sign-in', {
            data: CUSTOMER,
            headers: { origin: portal.baseUrl },
          });
          if (!response.ok()) throw new Error(`Sign-in failed: ${response.status()}`);
        }
        samples.push(await measure(context, `${portal.baseUrl}${path}`));
        await context.close();
      }
      const pick = (key: Exclude<keyof Sample, 'lcpElement'>) => median(samples.map((s) => s[key]));
      console.log(
        `${name.padEnd(20)} JS over the wire ${kb(pick('jsTransfer')).padStart(9)} ` +
          `(${pick('jsFiles')} files; bodies ${kb(pick('jsBody'))} as sent, ${kb(pick('jsGzip'))} gzip)   ` +
          `LCP ${pick('lcp').toFixed(0).padStart(5)} ms   TBT ${pick('tbt').toFixed(0).padStart(4)} ms`,
      );
      console.log(
        `${''.padEnd(20)} HTML at ${pick('html').toFixed(0)} ms, last script at ${pick('lastScript').toFixed(0)} ms, ` +
          `first paint ${pick('fcp').toFixed(0)} ms, LCP element ${samples[0]?.lcpElement ?? '?'}`,
      );
    }
    // The machine's floor: a static page, no script, same browser and server round trip.
    const floor: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.route(`${portal.baseUrl}/__baseline`, (route) =>
        route.fulfill({ contentType: 'text/html', body: BASELINE_HTML }),
      );
      floor.push((await measure(context, `${portal.baseUrl}/__baseline`)).lcp);
      await context.close();
    }
    console.log(`${'baseline (static h1)'.padEnd(20)} LCP ${median(floor).toFixed(0).padStart(5)} ms`);
    const load = (await import('node:os')).loadavg();
    console.log(
      `load average ${load.map((l) => l.toFixed(1)).join(', ')} on ${(await import('node:os')).cpus().length} cores`,
    );
    console.log('');
  } finally {
    await browser.close();
    await portal.stop();
  }
}

await main();
