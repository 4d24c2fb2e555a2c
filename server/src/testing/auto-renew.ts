// Helpers for the auto-renew tests (used by *.test.ts only): saving a card through the setup-mode Checkout on
// the emulator, turning auto-renew on with the terms the page shows, running the renewal run on a given day,
// and reading what it left behind.

import type { TAutoRenewState } from '@portal/shared/schemas/auto-renew';
import { expect } from 'vitest';
import { type RunOptions, runRenewals } from '../features/auto-renew/run.ts';
import type { TestClient, TestContext } from './harness.ts';
import { emulatorHelper } from './payments.ts';

export const SALES = 'sub_nw_sales';

export async function autoRenewState(client: TestClient, subscriptionId: string): Promise<TAutoRenewState> {
  const response = await client.get(`/api/subscriptions/${subscriptionId}/auto-renew`);
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { autoRenew: TAutoRenewState }).autoRenew;
}

/** Saves a card for the account through the hosted setup page, as the browser would. */
export async function saveCard(
  ctx: Pick<TestContext, 'emulator'>,
  admin: TestClient,
  subscriptionId: string,
  card: { card_number?: string; three_d_secure?: 'approve' | 'fail' } = {},
) {
  const started = await admin.post('/api/auto-renew/card-setup', { subscriptionId });
  expect(started.status, await started.clone().text()).toBe(201);
  const { url } = (await started.json()) as { url: string };
  const sessionId = url.split('/').pop() ?? '';
  await emulatorHelper(ctx, `/checkout/sessions/${sessionId}/complete`, card);
  await ctx.emulator.settleWebhooks();
  const confirmed = await admin.post('/api/auto-renew/card-setup/confirm', { sessionId });
  expect(confirmed.status, await confirmed.clone().text()).toBe(200);
  return (await confirmed.json()) as { state: string; card: { brand: string; last4: string } | null };
}

/** Turns auto-renew on for a term, agreeing to exactly the terms the page shows. */
export async function turnOn(admin: TestClient, subscriptionId: string, termYears: 1 | 2 | 3 = 1) {
  const state = await autoRenewState(admin, subscriptionId);
  const option = state.options.find((o) => o.termYears === termYears);
  if (!option?.terms) throw new Error(`no terms for ${termYears} years: ${JSON.stringify(state)}`);
  const response = await admin.put(`/api/subscriptions/${subscriptionId}/auto-renew`, {
    enabled: true,
    termYears,
    consent: { termsHash: option.terms.hash, accepted: true },
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return { option, body: (await response.json()) as { autoRenew: TAutoRenewState } };
}

/** Runs the renewal run at an instant (the test clock moves there first); 429 back-off without waiting. */
export async function runAt(ctx: TestContext, iso: string, options: Partial<RunOptions> = {}) {
  ctx.clock.set(iso);
  const report = await runRenewals(ctx, { trigger: 'test', sleep: async () => {}, ...options });
  await ctx.emulator.settleWebhooks();
  return report;
}

export async function outbox(ctx: TestContext, filter: { template?: string; to?: string } = {}) {
  let query = ctx.db.selectFrom('email_outbox').selectAll().orderBy('created_at').orderBy('id');
  if (filter.template) query = query.where('template', 'like', `${filter.template}%`);
  if (filter.to) query = query.where('to_address', '=', filter.to);
  return query.execute();
}

export async function renewalOf(ctx: TestContext, subscriptionId: string) {
  return ctx.db
    .selectFrom('auto_renewals')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
}

export async function noticesOf(ctx: TestContext, subscriptionId: string) {
  return ctx.db
    .selectFrom('renewal_notices')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('due_date')
    .execute();
}

/** Every PaymentIntent the emulator has for the customer (what was really charged). */
export async function intentsOf(ctx: TestContext, customerId: string) {
  return (await ctx.stripe.client.paymentIntents.list({ customer: customerId, limit: 100 })).data;
}

export async function stripeCustomerOf(ctx: TestContext, accountId: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('accounts')
    .select('stripe_customer_id')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  if (!row.stripe_customer_id) throw new Error('no Stripe customer');
  return row.stripe_customer_id;
}

/** The one-click link's token from an e-mail's text. */
export function optOutTokenIn(text: string): string {
  const match = /\/auto-renew\/off\?token=([^\s]+)/.exec(text);
  if (!match?.[1]) throw new Error('no opt-out link in the e-mail');
  return decodeURIComponent(match[1]);
}
