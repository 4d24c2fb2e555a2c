// The first-load budget, checked on the built app (deterministic: bytes, not timings). For the sign-in page
// and the customer dashboard: the entry, its static imports, the page's chunk with its imports and the
// translation catalogues the page shows must weigh at most 150 KB gzip; charts, finance, ops and the value
// report are not part of it; no source maps are built.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { repoRoot } from '../fixtures/portal-server.ts';

const dist = join(repoRoot, 'web/dist');
const BUDGET_BYTES = 150 * 1024;

type ManifestChunk = { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean };
type Manifest = Record<string, ManifestChunk>;

const manifest = (): Manifest => JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

/** The files a page needs on first load: the entry's and the page's static import closures plus catalogues. */
function firstLoadFiles(m: Manifest, keys: string[]): Set<string> {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = m[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of ['index.html', ...keys]) visit(key);
  return files;
}

const gzipBytes = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

const PAGES = {
  'sign-in': ['src/app/routes/auth/sign-in.tsx', 'src/locales/en.json'],
  'customer dashboard': [
    'src/app/routes/app/dashboard.tsx',
    // A customer's navigation and subscription cards word everything from the main catalogue.
    'src/locales/en.json',
  ],
};

test.describe('first load of the built app', () => {
  for (const [page, keys] of Object.entries(PAGES)) {
    test(`${page}: at most 150 KB of JavaScript gzip, without charts, finance, ops or value report code`, () => {
      const files = [...firstLoadFiles(manifest(), keys)];
      const total = files.reduce((sum, file) => sum + gzipBytes(file), 0);
      expect(total, `${page} loads ${files.join(', ')}`).toBeLessThanOrEqual(BUDGET_BYTES);
      const m = manifest();
      const lazyOnly = [
        'src/app/routes/app/finance.tsx',
        'src/app/routes/app/finance-reports.tsx',
        'src/app/routes/app/ops.tsx',
        'src/app/routes/app/pipeline.tsx',
        'src/app/routes/app/value-report.tsx',
      ].map((key) => m[key]?.file);
      for (const file of lazyOnly) expect(files).not.toContain(file);
      for (const file of files) {
        expect(readFileSync(join(dist, file), 'utf8'), `${file} carries chart code`).not.toContain(
          'recharts-wrapper',
        );
      }
    });
  }

  test('there is no catch-all vendor chunk and no source map', () => {
    const assets = readdirSync(join(dist, 'assets'));
    expect(assets.filter((name) => /^vendor/.test(name))).toEqual([]);
    expect(assets.filter((name) => name.endsWith('.map'))).toEqual([]);
    // Every compressible asset has its brotli and gzip copies for the server to send.
    for (const name of assets.filter((n) => /\.(js|css)$/.test(n))) {
      if (statSync(join(dist, 'assets', name)).size < 512) continue;
      expect(existsSync(join(dist, 'assets', `${name}.br`)), `${name}.br`).toBe(true);
      expect(existsSync(join(dist, 'assets', `${name}.gz`)), `${name}.gz`).toBe(true);
    }
  });

  test('the server sends assets compressed and immutable, the page revalidated, maps never', async ({
    request,
  }) => {
    const html = await request.get('/sign-in');
    expect(html.headers()['cache-control']).toBe('no-cache');
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(await html.text())?.[1];
    expect(script).toBeTruthy();
    const response = await request.get(script ?? '', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers()['content-encoding']).toBe('br');
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers().vary).toBe('Accept-Encoding');
    expect((await request.get(`${script}.map`)).status()).toBe(404);
  });
});
