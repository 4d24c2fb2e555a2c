// Serves the built web app from the same port as the API, with index.html for every client-side route.
// Files are sent as the build precompressed them (brotli or gzip, by Accept-Encoding, with Vary); hashed
// assets are cached for a year as immutable, index.html is revalidated on every visit, and source maps are
// never served.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './context.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function mountWebApp(app: Hono<AppEnv>, distPath: string): void {
  const root = resolve(distPath);
  const indexPath = resolve(root, 'index.html');
  // Maps (should a build ever carry them) and the precompressed copies are not addresses of their own.
  app.get('*', async (c, next) => {
    if (/\.(?:map|br|gz)$/.test(c.req.path)) return c.notFound();
    await next();
    // Every file here may be sent compressed or not, so any cache must key on Accept-Encoding.
    if (c.res.ok) c.header('Vary', 'Accept-Encoding');
  });
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', IMMUTABLE);
  });
  app.use('/assets/*', serveStatic({ root, precompressed: true }));
  app.get('/assets/*', (c) => c.notFound());
  const sendIndex = serveStatic({ root, path: 'index.html', precompressed: true });
  app.get('*', async (c, next) => {
    if (!existsSync(indexPath)) {
      return c.text('The web app is not built. Run `pnpm build` (pnpm start does it for you).', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return sendIndex(c, next);
  });
}
