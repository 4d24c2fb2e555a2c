// A consistent copy of the live SQLite database (safe while the portal runs: VACUUM INTO reads one snapshot).
// SQLite-only SQL, which is allowed here in db/ (DESIGN.md §7). On PostgreSQL backups are the server's own
// tools' job (`pg_dump`, or continuous archiving; docs/decisions/013-postgresql.md): refused here, by name.

import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { type Db, dialectOf } from './connection.ts';

export class BackupNotSupportedError extends Error {}

export async function backupDatabase(db: Db, targetPath: string): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    throw new BackupNotSupportedError(
      'db:backup copies the SQLite file; on PostgreSQL use pg_dump, e.g. `pg_dump --format=custom --file=portal.dump "$DATABASE_URL"`',
    );
  }
  if (existsSync(targetPath)) throw new Error(`Refusing to overwrite ${targetPath}`);
  mkdirSync(dirname(targetPath), { recursive: true });
  await sql`VACUUM INTO ${targetPath}`.execute(db);
}
