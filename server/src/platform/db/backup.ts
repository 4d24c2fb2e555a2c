// A consistent copy of the live SQLite database (safe while the portal runs: VACUUM INTO reads one snapshot).
// SQLite-only SQL, which is allowed here in db/ (DESIGN.md §7); PostgreSQL would use pg_dump instead.

import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import type { Db } from './connection.ts';

export async function backupDatabase(db: Db, targetPath: string): Promise<void> {
  if (existsSync(targetPath)) throw new Error(`Refusing to overwrite ${targetPath}`);
  mkdirSync(dirname(targetPath), { recursive: true });
  await sql`VACUUM INTO ${targetPath}`.execute(db);
}
