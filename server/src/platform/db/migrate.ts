// Brings the schema up to date at start; fails loudly (and the server does not start) if a migration fails.

import { type MigrationProvider, Migrator } from 'kysely';
import { type Db, dialectOf } from './connection.ts';
import { postgresColumnTypes } from './migrations/dialect.ts';
import { migrations } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const target = dialectOf(db) === 'postgres' ? db.withPlugin(postgresColumnTypes) : db;
  const migrator = new Migrator({ db: target, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
