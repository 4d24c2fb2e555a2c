// Demo data for an empty database (DEMO=1, on for `pnpm start`; or `pnpm seed`). Seeds nothing when the
// database already has accounts, so a restart never duplicates or overwrites anything.

import { hashPassword } from '../platform/auth/password.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/connection.ts';
import { DEMO_PASSWORD, seedAccounts } from './accounts.ts';
import { seedCatalog } from './catalog.ts';
import { seedPricing } from './pricing.ts';
import { seedSubscriptions } from './subscriptions.ts';
import { seedUsage } from './usage.ts';

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
  return !row;
}

export async function seedDemoData(db: Db, clock: Clock): Promise<{ seeded: boolean }> {
  if (!(await isDatabaseEmpty(db))) return { seeded: false };
  // A vendor's own start (`pnpm catalog:sample`, decision 026) is not the demo's: never seed over its plans.
  if (await db.selectFrom('plans').select('id').limit(1).executeTakeFirst()) return { seeded: false };
  const nowIso = clock.now().toISOString();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (tx) => {
    await seedCatalog(tx, nowIso);
    await seedPricing(tx, nowIso);
    await seedAccounts(tx, nowIso, passwordHash);
    await seedSubscriptions(tx, clock.today(), nowIso);
    await seedUsage(tx, clock.today());
  });
  return { seeded: true };
}

/**
 * The sample plan catalog (three plans, prices in USD, EUR, CNY, JPY) and the launch pricing rules, for a
 * portal started from an empty database (decision 026): contracts name a plan by its code. Only when there are
 * no plans yet; prices are then edited at Ops → Pricing.
 */
export async function seedSampleCatalog(db: Db, clock: Clock): Promise<{ seeded: boolean }> {
  const nowIso = clock.now().toISOString();
  return db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('plans').select('id').limit(1).executeTakeFirst()) return { seeded: false };
    await seedCatalog(tx, nowIso);
    await seedPricing(tx, nowIso);
    return { seeded: true };
  });
}
