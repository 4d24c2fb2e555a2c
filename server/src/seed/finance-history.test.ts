import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_WEBHOOK_SECRET } from '../platform/stripe/client.ts';
import { createTestContext, TEST_ORIGIN, type TestContext } from '../testing/harness.ts';
import { seedFinanceDemo } from './finance-history.ts';

let ctx: TestContext;

beforeEach(async () => {
  ctx = await createTestContext();
  // As in `pnpm start`: the history is made before the portal listens for webhooks.
  ctx.emulator.setWebhookEndpoints([]);
});
afterEach(async () => {
  ctx.emulator.setWebhookEndpoints([
    { url: `${TEST_ORIGIN}/api/webhooks/stripe`, secret: EMULATOR_WEBHOOK_SECRET },
  ]);
  await ctx.dispose();
});

describe('demo finance history', () => {
  it('plants one exception of each class, with balanced payouts, and only once', async () => {
    const before = ctx.clock.now().toISOString();
    expect(await seedFinanceDemo(ctx, ctx.emulator.fetch)).toEqual({ seeded: true });
    expect(ctx.clock.now().toISOString()).toBe(before);

    const exceptions = await ctx.db
      .selectFrom('finance_exceptions')
      .select(['class', 'subject_type', 'is_current'])
      .where('is_current', '=', 1)
      .orderBy('class')
      .execute();
    expect(exceptions.map((e) => e.class)).toEqual([
      'amount_mismatch',
      'currency_mismatch',
      'duplicate',
      'missing_at_stripe',
      'missing_in_portal',
    ]);
    const checks = await ctx.db.selectFrom('finance_recon_payouts').selectAll().execute();
    expect(checks.length).toBeGreaterThan(3);
    expect(checks.every((c) => c.outcome === 'balanced')).toBe(true);
    const matched = await ctx.db
      .selectFrom('finance_recon_lines')
      .select(['detail'])
      .where('class', '=', 'matched')
      .execute();
    expect(new Set(matched.map((m) => m.detail))).toEqual(new Set(['charge', 'refund', 'dispute', 'payout']));
    const invoices = await ctx.db.selectFrom('invoices').select('number').execute();
    expect(invoices).toHaveLength(6);
    expect(await ctx.db.selectFrom('credit_notes').select('id').execute()).toHaveLength(1);

    expect(await seedFinanceDemo(ctx, ctx.emulator.fetch)).toEqual({ seeded: false });
    expect(await ctx.db.selectFrom('payments').select('id').execute()).toHaveLength(6);
  });
});
