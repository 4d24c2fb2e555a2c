// `pnpm catalog:sample`: loads the sample plan catalog (starter, professional, enterprise; prices in USD, EUR,
// CNY and JPY) and the launch pricing rules into a database that has no plans yet, on DATABASE_URL or
// DATABASE_PATH (decision 026). A portal started without demo data needs plans before contracts can name them.

import { createRuntime } from '../runtime.ts';
import { DEMO_PLANS } from '../seed/catalog.ts';
import { seedSampleCatalog } from '../seed/index.ts';

const runtime = await createRuntime();
try {
  const { seeded } = await seedSampleCatalog(runtime.db, runtime.clock);
  process.stdout.write(
    seeded
      ? `Loaded the sample catalog: plans ${DEMO_PLANS.map((p) => p.code).join(', ')}; edit prices at Ops → Pricing.\n`
      : 'The database already has plans; nothing loaded.\n',
  );
} finally {
  await runtime.close();
}
