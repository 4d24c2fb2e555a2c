// Builds the dependencies every entry point needs (server, scripts, tests): config, logger, migrated
// database, clock. Callers own the lifetime and call `close()`.

import { type AdjustableClock, createClock } from './clock.ts';
import { type Config, loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { AppDeps } from './http/context.ts';
import { createLogger, type Logger } from './logger.ts';

export type Runtime = AppDeps & { close(): Promise<void> };

export async function createRuntime(
  options: {
    config?: Config;
    configDefaults?: Record<string, string>;
    clock?: AdjustableClock;
    logger?: Logger;
  } = {},
): Promise<Runtime> {
  const config = options.config ?? loadConfig(undefined, options.configDefaults);
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = openDatabase(config.databasePath);
  const applied = await migrateToLatest(database.db);
  if (applied.length) logger.info({ migrations: applied }, 'database migrated');
  const clock = options.clock ?? createClock(config.timeZone);
  return { db: database.db, clock, config, logger, close: () => database.close() };
}
