// `pnpm seed`: migrates DATABASE_PATH and seeds the demo data if it is empty.

import { createRuntime } from '../runtime.ts';
import { seedDemoData } from '../seed/index.ts';

const runtime = await createRuntime();
try {
  const started = performance.now();
  const { seeded } = await seedDemoData(runtime.db, runtime.clock);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  runtime.logger.info(
    { databasePath: runtime.config.databasePath, seconds },
    seeded ? 'demo data seeded' : 'the database already has data; nothing seeded',
  );
} finally {
  await runtime.close();
}
