import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppDeps, AppEnv } from './context.ts';

/** `{"status":"ok"}` once the database answers. */
export function createHealthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/health', async (c) => {
    try {
      await sql`select 1`.execute(deps.db);
      return c.json({ status: 'ok' as const }, 200);
    } catch (err) {
      deps.logger.error({ err }, 'health check failed');
      return c.json({ status: 'unavailable' as const }, 503);
    }
  });
}
