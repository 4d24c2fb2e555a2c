// A renewal day with automatic charges due on a saved card, made through the portal's own flows (for the
// several-instances test): subscriptions of Northwind ending on the same day, a card saved through the hosted
// setup page, auto-renew turned on with the terms the page shows (consent, confirmed by e-mail inside the
// advance notice's window), and the final notice (7 days before, California) sent by the renewal run on its
// day, the demo clock moved there by ops. What is left
// for the charge day is only the charges.

import { addDays, addYears, type CalendarDate } from '@portal/shared/dates';
import type { StripeEmulator } from '../../stripe-emulator/index.ts';
import { createApp } from '../app.ts';
import { runRenewals } from '../features/auto-renew/run.ts';
import type { Runtime } from '../runtime.ts';
import { DEMO_PASSWORD } from '../seed/accounts.ts';
import { demoPrice } from '../seed/catalog.ts';
import { saveCard, turnOn } from './auto-renew.ts';
import { TestClient, type TestContext } from './harness.ts';

export type DueCharges = { chargeDay: CalendarDate; subscriptionIds: string[] };

/**
 * Prepares `count` automatic charges due `daysAhead` days from the runtime's today. The runtime must be the
 * emulator's portal with `PUBLIC_URL` = the harness's origin (its in-process app is used like a browser), and
 * nothing else running its jobs yet. Leaves the demo clock on the final notice's day.
 */
export async function prepareDueCharges(
  runtime: Runtime,
  emulator: StripeEmulator,
  input: { count: number; daysAhead: number; controlSecret: string },
): Promise<DueCharges> {
  const app = createApp(runtime);
  const signIn = async (email: string) => {
    const client = new TestClient(app);
    const response = await client.post('/api/auth/sign-in', { email, password: DEMO_PASSWORD });
    if (response.status !== 200) throw new Error(`sign-in as ${email}: ${response.status}`);
    return client;
  };
  const chargeDay = addDays(runtime.clock.today(), input.daysAhead);
  const nowIso = runtime.clock.now().toISOString();
  const subscriptionIds = Array.from({ length: input.count }, (_, n) => `sub_due_${n + 1}`);
  await runtime.db
    .insertInto('subscriptions')
    .values(
      subscriptionIds.map((id, n) => ({
        id,
        account_id: 'acct_northwind',
        plan_id: 'plan_professional',
        label: `Regional team ${n + 1}`,
        seats: 10 + n,
        currency: 'USD',
        unit_price_minor: demoPrice('plan_professional', 'USD'),
        term_start: addYears(chargeDay, -1),
        term_end: chargeDay,
        cancelled_at: null,
        auto_renew_enabled: 0,
        auto_renew_term_years: null,
        created_at: nowIso,
        updated_at: nowIso,
      })),
    )
    .execute();

  // The emulator's control endpoints (the hosted page's "complete") want its control secret.
  const withSecret: StripeEmulator = {
    ...emulator,
    fetch: (request) => {
      const signed = new Request(request);
      signed.headers.set('x-emulator-secret', input.controlSecret);
      return emulator.fetch(signed);
    },
  };
  const ctx = { emulator: withSecret } as Pick<TestContext, 'emulator'>;
  const alex = await signIn('alex@northwind.example');
  const card = await saveCard(ctx, alex, subscriptionIds[0] as string);
  if (card.state !== 'saved') throw new Error(`the card was not saved: ${JSON.stringify(card)}`);
  for (const id of subscriptionIds) await turnOn(alex, id, 1);

  const ops = await signIn('ops@vendor.example');
  for (const day of [addDays(chargeDay, -30), addDays(chargeDay, -7)]) {
    const moved = await ops.put('/api/ops/clock', { today: day });
    if (moved.status !== 200) throw new Error(`clock to ${day}: ${moved.status} ${await moved.text()}`);
    await runRenewals(runtime, { trigger: 'test' });
  }
  // The consent's confirmation (40 days before, inside the advance window) served as the advance notice; the
  // final one went out 7 days before.
  const finals = await runtime.db
    .selectFrom('renewal_notices')
    .select(['subscription_id'])
    .where('subscription_id', 'in', subscriptionIds)
    .where('status', '=', 'sent')
    .where('kind', '=', 'final')
    .execute();
  if (finals.length !== input.count) {
    throw new Error(`expected the final notice sent for each subscription, found ${finals.length}`);
  }
  return { chargeDay, subscriptionIds };
}
