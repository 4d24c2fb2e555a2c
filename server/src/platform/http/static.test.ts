import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppEnv } from './context.ts';
import { mountWebApp } from './static.ts';

const dist = mkdtempSync(join(tmpdir(), 'portal-dist-'));
const script = 'console.log("hello from the app");'.repeat(40);
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>portal</title>');
writeFileSync(join(dist, 'index.html.br'), brotliCompressSync('<!doctype html><title>portal</title>'));
writeFileSync(join(dist, 'assets/app-abc123.js'), script);
writeFileSync(join(dist, 'assets/app-abc123.js.br'), brotliCompressSync(script));
writeFileSync(join(dist, 'assets/app-abc123.js.gz'), gzipSync(script));
writeFileSync(join(dist, 'assets/app-abc123.js.map'), '{"version":3}');

const app = new Hono<AppEnv>();
mountWebApp(app, dist);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const get = (path: string, acceptEncoding?: string) =>
  app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('the web app’s static files', () => {
  it('sends the brotli copy to a browser that accepts it, immutable and varying by encoding', async () => {
    const response = await get('/assets/app-abc123.js', 'gzip, deflate, br, zstd');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(script);
  });

  it('sends gzip when brotli is not accepted, and the plain file when nothing is', async () => {
    const gzip = await get('/assets/app-abc123.js', 'gzip');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(script);
    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(script);
  });

  it('never serves source maps or the compressed copies as files of their own', async () => {
    expect((await get('/assets/app-abc123.js.map')).status).toBe(404);
    expect((await get('/assets/app-abc123.js.br', 'br')).status).toBe(404);
  });

  it('answers a missing asset with 404, not with the app page', async () => {
    expect((await get('/assets/gone-000000.js')).status).toBe(404);
  });

  it('sends index.html for client routes, compressed, revalidated on every visit', async () => {
    for (const path of ['/', '/subscriptions/sub_1', '/index.html']) {
      const response = await get(path, 'br');
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-encoding')).toBe('br');
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
    }
  });
});
