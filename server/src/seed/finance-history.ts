// Demo finance history, so that a new user of `pnpm start` sees reconciliation at work: a year of renewal
// payments made at the Stripe emulator at the moments the demo subscriptions' history says they were renewed
// (the shared clock is moved back for each and restored after), with refunds, a dispute and payouts, and the
// portal's records of them (finance-records.ts), then a sync and a reconciliation. It plants one of each
// exception class:
//   matched            Operations platform (partly refunded, with a credit note), Service operations (disputed)
//   missing at Stripe  Sales workspace: the portal holds it as paid, Stripe never captured the PaymentIntent
//   duplicate          Support desk: the same quote charged twice (a second tab); the portal has the first
//   amount mismatch    Production planning: the invoice says €26,400.00, Stripe charged €500.00 less
//   currency mismatch  Fleet dispatch: invoiced in CNY, charged in USD
//   missing in portal  Kumo: a workshop charged from the Stripe Dashboard, nothing in the portal
// Runs only against the emulator, with demo data, once (a marker in app_settings); Stripe calls carry
// idempotency keys, so a start that stopped half-way repeats the same objects.

import { addDays, addYears } from '@portal/shared/dates';
import { divideRoundHalfUp } from '@portal/shared/money';
import { runFinanceSync } from '../features/finance/sync-jobs.ts';
import { ensureStripeCustomer } from '../features/payments/service.ts';
import type { AppDeps } from '../platform/http/context.ts';
import * as settings from '../platform/settings/settings.ts';
import type { Stripe } from '../platform/stripe/client.ts';
import { DEMO_USERS } from './accounts.ts';
import { DEMO_PLANS, demoPrice } from './catalog.ts';
import { DEMO_MARKER_KEY, type DemoPayment, insertDemoRecords } from './finance-records.ts';
import { DEMO_SUBSCRIPTIONS } from './subscriptions.ts';

type EmulatorFetch = (request: Request) => Promise<Response>;

type Scenario =
  | 'refunded'
  | 'missing_at_stripe'
  | 'duplicate'
  | 'currency_mismatch'
  | 'amount_mismatch'
  | 'disputed';

const RENEWALS: readonly { subscriptionId: string; scenario: Scenario }[] = [
  { subscriptionId: 'sub_nw_platform', scenario: 'refunded' },
  { subscriptionId: 'sub_nw_sales', scenario: 'missing_at_stripe' },
  { subscriptionId: 'sub_nw_support', scenario: 'duplicate' },
  { subscriptionId: 'sub_hb_fleet', scenario: 'currency_mismatch' },
  { subscriptionId: 'sub_ar_main', scenario: 'amount_mismatch' },
  { subscriptionId: 'sub_km_main', scenario: 'disputed' },
];

const DAY_MS = 86_400_000;
const KEY_PREFIX = 'demo-finance-v1';

async function helper(fetchEmulator: EmulatorFetch, path: string, body: unknown): Promise<void> {
  const response = await fetchEmulator(
    new Request(`http://stripe-emulator.internal/_emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  if (!response.ok) throw new Error(`Stripe emulator ${path}: ${response.status} ${await response.text()}`);
}

export async function hasDemoHistory(deps: AppDeps): Promise<boolean> {
  return settings.hasSetting(deps.db, DEMO_MARKER_KEY);
}

/**
 * Seeds the demo finance history once. Does nothing with a real Stripe key, without the demo accounts, or
 * when it was seeded before. `fetchEmulator` reaches the emulator's test helpers (disputes, payouts).
 */
export async function seedFinanceDemo(
  deps: AppDeps,
  fetchEmulator: EmulatorFetch,
): Promise<{ seeded: boolean }> {
  if (!deps.stripe.isEmulated || (await hasDemoHistory(deps))) return { seeded: false };
  const demoAccount = await deps.db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', 'acct_northwind')
    .executeTakeFirst();
  if (!demoAccount) return { seeded: false };

  const clock = deps.clock;
  const realOffset = clock.offsetMs();
  const travelTo = (at: Date) => clock.setOffsetMs(clock.offsetMs() + (at.getTime() - clock.now().getTime()));
  const today = clock.today();
  const now = clock.now();
  let payments: DemoPayment[];
  try {
    payments = await makeStripeHistory(deps, fetchEmulator, { today, now, travelTo });
  } finally {
    clock.setOffsetMs(realOffset);
  }
  await deps.db.transaction().execute((tx) => insertDemoRecords(tx, deps, payments));
  await runFinanceSync(deps, { trigger: 'demo' });
  deps.logger.info({ payments: payments.length }, 'demo finance history seeded at the Stripe emulator');
  return { seeded: true };
}

type Travel = { today: string; now: Date; travelTo: (at: Date) => void };

async function makeStripeHistory(
  deps: AppDeps,
  fetchEmulator: EmulatorFetch,
  travel: Travel,
): Promise<DemoPayment[]> {
  const stripe = deps.stripe.client;
  const customers = new Map<string, string>();
  for (const accountId of new Set(DEMO_SUBSCRIPTIONS.map((s) => s.accountId))) {
    customers.set(accountId, await ensureStripeCustomer(deps, accountId));
  }
  const payoutDays = new Set<number>();
  const payouts = async (upTo: Date) => {
    for (const day of [...payoutDays].sort((a, b) => a - b)) {
      if (day > upTo.getTime()) break;
      travel.travelTo(new Date(day));
      await helper(fetchEmulator, '/payouts/run', { status: 'paid' });
      payoutDays.delete(day);
    }
  };
  const payoutAfter = (at: Date) => {
    const day = new Date(`${addDays(at.toISOString().slice(0, 10), 3)}T06:00:00.000Z`).getTime();
    if (day < travel.now.getTime()) payoutDays.add(day);
  };
  const chargeAt = async (
    at: Date,
    key: string,
    params: Stripe.PaymentIntentCreateParams,
  ): Promise<Stripe.PaymentIntent> => {
    await payouts(at);
    travel.travelTo(at);
    const intent = await stripe.paymentIntents.create(params, { idempotencyKey: `${KEY_PREFIX}-${key}` });
    if (intent.status === 'succeeded') payoutAfter(at);
    return intent;
  };

  const plans = new Map<string, (typeof DEMO_PLANS)[number]>(DEMO_PLANS.map((p) => [p.id, p]));
  const renewals = RENEWALS.map(({ subscriptionId, scenario }) => {
    const sub = DEMO_SUBSCRIPTIONS.find((s) => s.id === subscriptionId);
    if (!sub) throw new Error(`no demo subscription ${subscriptionId}`);
    const termEnd = addDays(travel.today, sub.daysLeft);
    const termStart = addYears(termEnd, -sub.termYears);
    const plan = plans.get(sub.planId);
    if (!plan) throw new Error(`no demo plan ${sub.planId}`);
    const user = DEMO_USERS.find((u) => u.accountId === sub.accountId && u.role === 'customer_admin');
    return {
      sub,
      scenario,
      plan,
      user,
      termStart,
      termEnd,
      // When the seeded history says this term was renewed (db/seed/subscriptions.ts).
      at: new Date(`${addDays(termStart, -20)}T15:30:00.000Z`),
      unitPriceMinor: demoPrice(sub.planId, sub.currency),
    };
  }).sort((a, b) => a.at.getTime() - b.at.getTime());

  const out: DemoPayment[] = [];
  for (const r of renewals) {
    const customer = customers.get(r.sub.accountId) ?? '';
    const total = r.sub.seats * r.unitPriceMinor;
    // As the portal's checkout does: the quote in the metadata (the id is fixed so a repeated start replays).
    const quoteId = `quo_demo_${r.sub.id.replace(/^sub_/, '')}`;
    const metadata = { quote_id: quoteId, subscription_id: r.sub.id, account_id: r.sub.accountId };
    const base = {
      customer,
      payment_method: 'pm_card_visa',
      confirm: true,
      description: `${r.plan.name} renewal, ${r.sub.label}`,
      metadata,
    };
    const key = `${r.sub.id}`;
    let intent: Stripe.PaymentIntent;
    switch (r.scenario) {
      case 'missing_at_stripe':
        intent = await chargeAt(r.at, key, {
          amount: total,
          currency: r.sub.currency.toLowerCase(),
          customer,
          metadata,
        });
        break;
      case 'amount_mismatch':
        intent = await chargeAt(r.at, key, {
          ...base,
          amount: total - 50_000,
          currency: r.sub.currency.toLowerCase(),
        });
        break;
      case 'currency_mismatch':
        intent = await chargeAt(r.at, key, {
          ...base,
          amount: divideRoundHalfUp(total * 138, 1000),
          currency: 'usd',
        });
        break;
      default:
        intent = await chargeAt(r.at, key, {
          ...base,
          amount: total,
          currency: r.sub.currency.toLowerCase(),
        });
    }
    const facts = await chargeFacts(stripe, intent);
    const payment: DemoPayment = {
      quoteId,
      subscriptionId: r.sub.id,
      accountId: r.sub.accountId,
      at: r.at,
      plan: { id: r.plan.id, code: r.plan.code, name: r.plan.name, tierRank: r.plan.tierRank },
      seats: r.sub.seats,
      unitPriceMinor: r.unitPriceMinor,
      currency: r.sub.currency,
      term: { start: r.termStart, end: r.termEnd, basisStart: addYears(r.termStart, -1) },
      label: r.sub.label,
      buyerName: r.user?.name ?? 'Customer',
      buyerEmail: r.user?.email ?? 'customer@example.com',
      stripe: {
        customerId: customer,
        paymentIntentId: intent.id,
        ...facts,
        // The portal never saw a balance transaction in its own currency for a charge in another one.
        ...(r.scenario === 'currency_mismatch' ? { feeMinor: null, netMinor: null } : {}),
      },
    };
    out.push(payment);

    if (r.scenario === 'duplicate') {
      // The second tab: the same quote paid again three minutes later; the portal applied only the first.
      await chargeAt(new Date(r.at.getTime() + 3 * 60_000), `${key}-again`, {
        ...base,
        amount: total,
        currency: r.sub.currency.toLowerCase(),
      });
    }
    if (r.scenario === 'refunded' && facts.chargeId) {
      const refundAt = new Date(r.at.getTime() + 35 * DAY_MS);
      const amount = 10 * r.unitPriceMinor;
      await payouts(refundAt);
      travel.travelTo(refundAt);
      const refund = await stripe.refunds.create(
        { charge: facts.chargeId, amount, reason: 'requested_by_customer' },
        { idempotencyKey: `${KEY_PREFIX}-${key}-refund` },
      );
      payoutAfter(refundAt);
      payment.refund = {
        id: refund.id,
        amountMinor: amount,
        balanceTransactionId:
          typeof refund.balance_transaction === 'string'
            ? refund.balance_transaction
            : (refund.balance_transaction?.id ?? null),
        at: refundAt,
      };
    }
  }

  // A workshop Kumo paid for, charged from the Stripe Dashboard: nothing in the portal knows of it.
  await chargeAt(new Date(travel.now.getTime() - 40 * DAY_MS), 'kumo-workshop', {
    amount: 450_000,
    currency: 'jpy',
    customer: customers.get('acct_kumo') ?? '',
    payment_method: 'pm_card_visa',
    confirm: true,
    description: 'Onboarding workshop (charged in the Stripe Dashboard)',
  });

  // Kumo's renewal is disputed five days ago (the card holder says fraud).
  const disputed = out.find((p) => p.subscriptionId === 'sub_km_main');
  if (disputed?.stripe.chargeId) {
    const disputeAt = new Date(travel.now.getTime() - 5 * DAY_MS);
    await payouts(disputeAt);
    travel.travelTo(disputeAt);
    const charge = await stripe.charges.retrieve(disputed.stripe.chargeId);
    if (!charge.disputed)
      await helper(fetchEmulator, `/charges/${charge.id}/dispute`, { reason: 'fraudulent' });
    const dispute = (await stripe.disputes.list({ charge: charge.id, limit: 1 })).data[0];
    if (dispute) {
      disputed.dispute = {
        id: dispute.id,
        amountMinor: dispute.amount,
        reason: dispute.reason,
        status: dispute.status,
        evidenceDueBy: dispute.evidence_details?.due_by
          ? new Date(dispute.evidence_details.due_by * 1000).toISOString()
          : null,
        at: new Date(dispute.created * 1000),
      };
    }
  }
  payoutDays.add(travel.now.getTime() - 2 * DAY_MS);
  await payouts(travel.now);
  return out;
}

/** The charge, its balance transaction, fee and net, as the portal records a paid PaymentIntent. */
async function chargeFacts(stripe: Stripe, intent: Stripe.PaymentIntent) {
  const chargeId =
    typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null);
  if (!chargeId || intent.status !== 'succeeded') {
    return {
      chargeId: null,
      balanceTransactionId: null,
      paymentMethodId: null,
      feeMinor: null,
      netMinor: null,
    };
  }
  const charge = await stripe.charges.retrieve(chargeId, { expand: ['balance_transaction'] });
  const txn = typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
  return {
    chargeId,
    balanceTransactionId: txn?.id ?? null,
    paymentMethodId: typeof charge.payment_method === 'string' ? charge.payment_method : null,
    feeMinor: txn?.fee ?? null,
    netMinor: txn?.net ?? null,
  };
}
