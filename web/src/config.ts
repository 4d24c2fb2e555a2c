// The web app's configuration: the only module that reads import.meta.env.

import { z } from 'zod';

const ZWebEnv = z.object({
  /** Where the API lives, seen from the browser; the server and the dev proxy both serve it at /api. */
  VITE_API_BASE_URL: z.string().default('/api'),
  DEV: z.boolean().default(false),
});

const env = ZWebEnv.parse(import.meta.env);

export const config = {
  apiBaseUrl: env.VITE_API_BASE_URL,
  isDev: env.DEV,
} as const;
