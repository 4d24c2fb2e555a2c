// `pnpm db:backup [target.db]`: a consistent copy of DATABASE_PATH, by default ./data/backups/portal-<time>.db.

import { backupDatabase } from '../platform/db/backup.ts';
import { createRuntime } from '../runtime.ts';

const runtime = await createRuntime();
try {
  const stamp = runtime.clock.now().toISOString().replace(/[:.]/g, '-');
  const target = process.argv[2] ?? `./data/backups/portal-${stamp}.db`;
  await backupDatabase(runtime.db, target);
  runtime.logger.info({ target }, 'database backed up');
} finally {
  await runtime.close();
}
