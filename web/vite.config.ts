// Vite for the web app: React, the `@/` alias to src, a dev proxy to the API on port 3000, and a production
// build made to load fast: every page is its own lazy chunk (see app/router.tsx), no source maps are
// published, and every file is precompressed (brotli and gzip) for the server to send as is.

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';

const API_TARGET = 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), precompress()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      // The server accepts state-changing requests only from its own origin (CSRF check), so the dev proxy
      // presents the API's origin instead of the Vite dev server's.
      '/api': { target: API_TARGET, changeOrigin: true, headers: { origin: API_TARGET } },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Source maps would publish the source; production builds have none (the dev server still maps).
    sourcemap: false,
    // dist/.vite/manifest.json (never served) lets the e2e budget test follow each page's chunks.
    manifest: true,
    rolldownOptions: {
      output: {
        // Two chunks every page needs: React with the router (changes seldom, stays cached across releases),
        // and the app's core (i18n, queries, the API client, the shared UI kit), so a first load is a few
        // files rather than dozens of tiny ones. Every other library goes with the pages that use it (no
        // catch-all vendor chunk: charts load only with the charts' pages).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            {
              name: 'core',
              test: /node_modules[\\/](i18next|react-i18next|@tanstack|hono|html-parse-stringify|void-elements)[\\/]|[\\/]web[\\/]src[\\/](lib|components|config)|[\\/]shared[\\/]src[\\/](roles|dates|money|status)\.ts/,
            },
          ],
        },
      },
    },
  },
});
