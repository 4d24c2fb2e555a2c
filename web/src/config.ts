// The web app's configuration: the only module that reads import.meta.env. Plain code rather than a zod
// schema, so the validation library stays out of the first load.

const env = import.meta.env as Record<string, unknown>;

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export const config = {
  /** Where the API lives, seen from the browser; the server and the dev proxy both serve it at /api. */
  apiBaseUrl: text(env.VITE_API_BASE_URL, '/api'),
  isDev: env.DEV === true,
} as const;
