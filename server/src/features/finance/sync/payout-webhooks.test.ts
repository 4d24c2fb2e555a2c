import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UNLIMITED_BUDGET } from '../../../platform/stripe/rate-budget.ts';
import { advanceClock, chargeCard, emulatorHelper } from '../../../testing/finance.ts';
import { createTestContext, type TestContext } from '../../../testing/harness.ts';
import { syncIfPayoutsWaiting } from '../sync-jobs.ts';
import { runStripeSync } from './stripe-sync.ts';

let ctx: TestContext;
const noWait = { sleep: async () => {}, budget: UNLIMITED_BUDGET };

beforeEach(async () => {
  ctx = await createTestContext();
  await chargeCard(ctx.stripe.client, { amount: 50_000, currency: 'usd' });
  await chargeCard(ctx.stripe.client, { amount: 20_000, currency: 'usd' });
  advanceClock(ctx, 3);
});
afterEach(async () => {
  await ctx.dispose();
});

async function payoutRow(id: string) {
  return ctx.db.selectFrom('stripe_payouts').selectAll().where('id', '=', id).executeTakeFirst();
}

describe('payout webhooks', () => {
  it('payout.paid: the payout is read again at Stripe, then itemised by the payouts job', async () => {
    await runStripeSync(ctx, { trigger: 'test', ...noWait });
    const { payouts } = await emulatorHelper<{ payouts: { id: string; status: string }[] }>(
      ctx.emulator.fetch,
      '/payouts/run',
      { status: 'in_transit' },
    );
    const payoutId = payouts[0]?.id ?? '';
    await emulatorHelper(ctx.emulator.fetch, `/payouts/${payoutId}/settle`, { status: 'paid' });
    await ctx.emulator.settleWebhooks();

    const event = await ctx.db
      .selectFrom('stripe_events')
      .selectAll()
      .where('type', '=', 'payout.paid')
      .executeTakeFirst();
    expect(event).toMatchObject({ status: 'processed', object_id: payoutId });
    expect(await payoutRow(payoutId)).toMatchObject({ status: 'paid', transactions_linked_at: null });

    const result = await syncIfPayoutsWaiting(ctx);
    expect(result?.reconciliation?.status).toBe('completed');
    expect((await payoutRow(payoutId))?.transactions_linked_at).not.toBeNull();
    const check = await ctx.db
      .selectFrom('finance_recon_payouts')
      .selectAll()
      .where('payout_id', '=', payoutId)
      .executeTakeFirst();
    expect(check).toMatchObject({ outcome: 'balanced', transaction_count: 2 });
    expect(await syncIfPayoutsWaiting(ctx)).toBeNull();
  });

  it('payout.failed: the failure is recorded from Stripe', async () => {
    const { payouts } = await emulatorHelper<{ payouts: { id: string }[] }>(
      ctx.emulator.fetch,
      '/payouts/run',
      {
        status: 'in_transit',
      },
    );
    const payoutId = payouts[0]?.id ?? '';
    await emulatorHelper(ctx.emulator.fetch, `/payouts/${payoutId}/settle`, { status: 'failed' });
    await ctx.emulator.settleWebhooks();
    expect(await payoutRow(payoutId)).toMatchObject({
      status: 'failed',
      failure_code: 'account_closed',
      failure_message: 'The bank account has been closed.',
    });
  });
});
