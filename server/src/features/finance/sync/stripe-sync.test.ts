import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tryTakeLease } from '../../../platform/jobs/leases.ts';
import { listRuns } from '../../../platform/jobs/runs.ts';
import type { Stripe } from '../../../platform/stripe/client.ts';
import { UNLIMITED_BUDGET } from '../../../platform/stripe/rate-budget.ts';
import {
  advanceClock,
  chargeCard,
  emulatorHelper,
  stripeError,
  withTransport,
} from '../../../testing/finance.ts';
import { createTestContext, type TestContext } from '../../../testing/harness.ts';
import { CURSOR_OVERLAP_SECONDS, FINANCE_SYNC_JOB, runStripeSync, SYNC_LEASE_NAME } from './stripe-sync.ts';
import { findStream } from './sync-repo.ts';

let ctx: TestContext;
const noWait = { sleep: async () => {}, budget: UNLIMITED_BUDGET };

/** Twelve charges (one refunded in part, one disputed), a payout of what became available, two more charges. */
async function makeHistory(): Promise<void> {
  const stripe = ctx.stripe.client;
  const customer = await stripe.customers.create({ email: 'ap@example.com' });
  const charges = [];
  for (let i = 1; i <= 12; i++) {
    charges.push(
      await chargeCard(stripe, {
        amount: 10_000 + i,
        currency: 'usd',
        customer: customer.id,
        metadata: { quote_id: `quo_${i}` },
      }),
    );
  }
  await stripe.refunds.create({ charge: charges[0]?.chargeId ?? '', amount: 2_500 });
  await emulatorHelper(ctx.emulator.fetch, `/charges/${charges[1]?.chargeId}/dispute`, {
    reason: 'fraudulent',
  });
  advanceClock(ctx, 3);
  await emulatorHelper(ctx.emulator.fetch, '/payouts/run', { status: 'paid' });
  await chargeCard(stripe, { amount: 777, currency: 'eur' });
  await chargeCard(stripe, { amount: 888, currency: 'usd' });
}

async function allStripeTransactions(): Promise<Stripe.BalanceTransaction[]> {
  const all: Stripe.BalanceTransaction[] = [];
  for await (const txn of ctx.stripe.client.balanceTransactions.list({ limit: 100 })) all.push(txn);
  return all;
}

async function snapshot() {
  const transactions = await ctx.db
    .selectFrom('stripe_balance_transactions')
    .selectAll()
    .orderBy('id')
    .execute();
  const payouts = await ctx.db.selectFrom('stripe_payouts').selectAll().orderBy('id').execute();
  return {
    transactions: transactions.map(({ synced_at: _, ...row }) => row),
    payouts: payouts.map(({ synced_at: _, transactions_linked_at: linked, ...row }) => ({
      ...row,
      linked: !!linked,
    })),
  };
}

/** Records every request to the emulator and can answer some with a failure instead. */
function recordingTransport(fail: (url: URL, index: number) => Response | null = () => null) {
  const requests: URL[] = [];
  const transport = async (request: Request) => {
    const url = new URL(request.url);
    requests.push(url);
    return fail(url, requests.length) ?? ctx.emulator.fetch(request);
  };
  return { requests, transport };
}

beforeEach(async () => {
  ctx = await createTestContext();
  await makeHistory();
});
afterEach(async () => {
  await ctx.dispose();
});

describe('Stripe sync', () => {
  it('pulls balance transactions with their sources and payouts, and links each payout to its transactions', async () => {
    const outcome = await runStripeSync(ctx, { trigger: 'test', pageSize: 5, ...noWait });
    expect(outcome.status).toBe('succeeded');

    const atStripe = await allStripeTransactions();
    const { transactions, payouts } = await snapshot();
    expect(transactions.map((t) => t.id).sort()).toEqual(atStripe.map((t) => t.id).sort());

    const charges = transactions.filter((t) => t.type === 'charge');
    expect(charges).toHaveLength(14);
    const first = charges.find((t) => t.amount_minor === 10_001);
    expect(first).toMatchObject({
      source_type: 'charge',
      currency: 'USD',
      quote_id: 'quo_1',
      fee_minor: 320,
    });
    expect(first?.charge_id).toMatch(/^ch_/);
    expect(first?.payment_intent_id).toMatch(/^pi_/);
    const refund = transactions.find((t) => t.type === 'refund');
    expect(refund).toMatchObject({
      amount_minor: -2_500,
      source_type: 'refund',
      charge_id: first?.charge_id,
    });
    const dispute = transactions.find((t) => t.reporting_category === 'dispute');
    expect(dispute).toMatchObject({ amount_minor: -10_002, fee_minor: 1_500, source_type: 'dispute' });

    // One automatic payout of the available USD balance, and its transactions add up to it.
    expect(payouts).toHaveLength(1);
    const [payout] = payouts;
    expect(payout).toMatchObject({ status: 'paid', is_automatic: 1, currency: 'USD', linked: true });
    const linked = transactions.filter((t) => t.payout_id === payout?.id && t.source_id !== payout?.id);
    expect(linked.length).toBe(12 + 2);
    expect(linked.reduce((sum, t) => sum + t.net_minor, 0)).toBe(payout?.amount_minor);
    // The two charges made after the payout are not in it.
    expect(transactions.filter((t) => t.type === 'charge' && t.payout_id === null)).toHaveLength(2);
  });

  it('is safe to run again: the same rows, and the next run starts from its cursor less the overlap', async () => {
    await runStripeSync(ctx, { trigger: 'test', pageSize: 5, ...noWait });
    const first = await snapshot();
    const cursor = (await findStream(ctx.db, 'balance_transactions'))?.cursor_created;
    expect(cursor).toBe(Math.floor(ctx.clock.now().getTime() / 1000));

    advanceClock(ctx, 1 / 24);
    const { requests, transport } = recordingTransport();
    await runStripeSync(withTransport(ctx, transport), { trigger: 'test', pageSize: 5, ...noWait });
    expect(await snapshot()).toEqual(first);
    const listed = requests.find((url) => url.pathname === '/v1/balance_transactions');
    expect(listed?.searchParams.get('created[gte]')).toBe(String((cursor ?? 0) - CURSOR_OVERLAP_SECONDS));
  });

  it('resumes from its cursor after a crash mid-way, and ends with the same rows as an uninterrupted run', async () => {
    const crashing = recordingTransport((url, index) =>
      url.pathname === '/v1/balance_transactions' && index === 3
        ? stripeError(400, 'invalid_request_error', 'the network went away')
        : null,
    );
    await expect(
      runStripeSync(withTransport(ctx, crashing.transport), { trigger: 'test', pageSize: 5, ...noWait }),
    ).rejects.toThrow('the network went away');
    const stopped = await findStream(ctx.db, 'balance_transactions');
    expect(stopped?.resume_after).toMatch(/^txn_/);
    expect(stopped?.window_lte).not.toBeNull();
    const partial = await ctx.db.selectFrom('stripe_balance_transactions').select('id').execute();
    expect(partial).toHaveLength(10);
    const [failedRun] = await listRuns(ctx.db, { job: FINANCE_SYNC_JOB, limit: 1, now: ctx.clock.now() });
    expect(failedRun).toMatchObject({ status: 'failed', stats: { transactions: 10 } });

    advanceClock(ctx, 1 / 24);
    const resumed = recordingTransport();
    await runStripeSync(withTransport(ctx, resumed.transport), { trigger: 'test', pageSize: 5, ...noWait });
    const firstList = resumed.requests.find((url) => url.pathname === '/v1/balance_transactions');
    expect(firstList?.searchParams.get('starting_after')).toBe(stopped?.resume_after);
    expect(firstList?.searchParams.get('created[lte]')).toBe(String(stopped?.window_lte));
    const afterResume = await snapshot();

    const atStripe = await allStripeTransactions();
    expect(afterResume.transactions.map((t) => t.id).sort()).toEqual(atStripe.map((t) => t.id).sort());
    expect(afterResume.payouts.every((p) => p.linked)).toBe(true);
  });

  it('retries 429 with backoff and records it', async () => {
    const sleeps: number[] = [];
    let limited = 0;
    const { transport } = recordingTransport((url) => {
      if (url.pathname.startsWith('/v1/') && limited < 2 && url.searchParams.has('starting_after')) {
        limited += 1;
        return stripeError(429, 'invalid_request_error', 'Too many requests');
      }
      return null;
    });
    const outcome = await runStripeSync(withTransport(ctx, transport), {
      trigger: 'test',
      pageSize: 5,
      budget: noWait.budget,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    expect(outcome).toMatchObject({ status: 'succeeded', rateLimited: 2 });
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[1]).toBeGreaterThanOrEqual(1_000);
    const [run] = await listRuns(ctx.db, { job: FINANCE_SYNC_JOB, limit: 1, now: ctx.clock.now() });
    expect(run).toMatchObject({ status: 'succeeded', stats: { rate_limited: 2 } });
    expect((await allStripeTransactions()).length).toBe((await snapshot()).transactions.length);
  });

  it('runs one sync at a time', async () => {
    await tryTakeLease(ctx.db, {
      name: SYNC_LEASE_NAME,
      owner: 'another-process',
      ttlMs: 60_000,
      now: () => ctx.clock.now().getTime(),
    });
    expect(await runStripeSync(ctx, { trigger: 'test', ...noWait })).toEqual({
      status: 'skipped',
      reason: 'already_running',
    });
    // A lease left by a process that died expires, and the next run takes over.
    advanceClock(ctx, 1 / 24);
    expect((await runStripeSync(ctx, { trigger: 'test', ...noWait })).status).toBe('succeeded');
  });
});
