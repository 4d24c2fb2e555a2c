// Demo subscriptions, dated relative to "today" so that Northwind shows every status: active (with auto-renew),
// renewal_open, expiring, grace, expired and cancelled. Each gets a history of its earlier terms.

import { addDays, addYears } from '@portal/shared/dates';
import type { DbOrTx } from '../platform/db/connection.ts';
import { newId } from '../platform/db/ids.ts';
import { toJson } from '../platform/db/json.ts';
import type { DemoAccountId } from './accounts.ts';
import { type DemoPlanId, demoPrice } from './catalog.ts';

type DemoSubscription = {
  id: string;
  accountId: DemoAccountId;
  label: string;
  planId: DemoPlanId;
  seats: number;
  currency: 'USD' | 'EUR' | 'CNY' | 'JPY';
  /** Days from today to term_end (exclusive). */
  daysLeft: number;
  termYears: number;
  /** Earlier terms renewed before this one (history). */
  earlierTerms: number;
  autoRenewYears?: number;
  cancelledDaysAgo?: number;
};

export const DEMO_SUBSCRIPTIONS: DemoSubscription[] = [
  {
    id: 'sub_nw_platform',
    accountId: 'acct_northwind',
    label: 'Operations platform',
    planId: 'plan_professional',
    seats: 120,
    currency: 'USD',
    daysLeft: 200,
    termYears: 1,
    earlierTerms: 2,
    autoRenewYears: 1,
  },
  {
    id: 'sub_nw_sales',
    accountId: 'acct_northwind',
    label: 'Sales workspace',
    planId: 'plan_professional',
    seats: 45,
    currency: 'USD',
    daysLeft: 64,
    termYears: 1,
    earlierTerms: 1,
  },
  {
    id: 'sub_nw_support',
    accountId: 'acct_northwind',
    label: 'Support desk',
    planId: 'plan_starter',
    seats: 25,
    currency: 'USD',
    daysLeft: 21,
    termYears: 1,
    earlierTerms: 2,
  },
  {
    id: 'sub_nw_warehouse',
    accountId: 'acct_northwind',
    label: 'Warehouse team',
    planId: 'plan_starter',
    seats: 12,
    currency: 'USD',
    daysLeft: -6,
    termYears: 1,
    earlierTerms: 0,
  },
  {
    id: 'sub_nw_legacy',
    accountId: 'acct_northwind',
    label: 'Legacy analytics',
    planId: 'plan_starter',
    seats: 8,
    currency: 'USD',
    daysLeft: -75,
    termYears: 1,
    earlierTerms: 1,
  },
  {
    id: 'sub_nw_pilot',
    accountId: 'acct_northwind',
    label: 'Enterprise pilot',
    planId: 'plan_enterprise',
    seats: 50,
    currency: 'USD',
    daysLeft: 140,
    termYears: 1,
    earlierTerms: 0,
    cancelledDaysAgo: 30,
  },
  {
    id: 'sub_hb_fleet',
    accountId: 'acct_harbor',
    label: '车队调度平台',
    planId: 'plan_professional',
    seats: 80,
    currency: 'CNY',
    daysLeft: 75,
    termYears: 1,
    earlierTerms: 2,
  },
  {
    id: 'sub_hb_port',
    accountId: 'acct_harbor',
    label: '港口作业',
    planId: 'plan_starter',
    seats: 30,
    currency: 'CNY',
    daysLeft: 250,
    termYears: 2,
    earlierTerms: 0,
  },
  {
    id: 'sub_ar_main',
    accountId: 'acct_alpenrose',
    label: 'Production planning',
    planId: 'plan_professional',
    seats: 60,
    currency: 'EUR',
    daysLeft: 48,
    termYears: 1,
    earlierTerms: 2,
  },
  {
    id: 'sub_km_main',
    accountId: 'acct_kumo',
    label: 'Service operations',
    planId: 'plan_enterprise',
    seats: 150,
    currency: 'JPY',
    daysLeft: 110,
    termYears: 1,
    earlierTerms: 1,
  },
];

export async function seedSubscriptions(db: DbOrTx, today: string, nowIso: string): Promise<void> {
  for (const sub of DEMO_SUBSCRIPTIONS) {
    const termEnd = addDays(today, sub.daysLeft);
    const termStart = addYears(termEnd, -sub.termYears);
    const firstStart = addYears(termStart, -sub.earlierTerms);
    const cancelledAt = sub.cancelledDaysAgo
      ? `${addDays(today, -sub.cancelledDaysAgo)}T10:00:00.000Z`
      : null;
    await db
      .insertInto('subscriptions')
      .values({
        id: sub.id,
        account_id: sub.accountId,
        plan_id: sub.planId,
        label: sub.label,
        seats: sub.seats,
        currency: sub.currency,
        unit_price_minor: demoPrice(sub.planId, sub.currency),
        term_start: termStart,
        term_end: termEnd,
        cancelled_at: cancelledAt,
        auto_renew_enabled: sub.autoRenewYears ? 1 : 0,
        auto_renew_term_years: sub.autoRenewYears ?? null,
        created_at: `${firstStart}T09:00:00.000Z`,
        updated_at: nowIso,
      })
      .execute();

    const events: { type: string; at: string; actor: string | null; data: Record<string, unknown> }[] = [
      {
        type: 'created',
        at: `${firstStart}T09:00:00.000Z`,
        actor: 'sales@vendor.example',
        data: { seats: sub.seats, termStart: firstStart },
      },
    ];
    for (let term = 1; term <= sub.earlierTerms; term++) {
      const renewedStart = addYears(firstStart, term);
      events.push({
        type: 'renewed',
        at: `${addDays(renewedStart, -20)}T15:30:00.000Z`,
        actor: 'sales@vendor.example',
        data: { termStart: renewedStart, termEnd: addYears(renewedStart, 1), termYears: 1 },
      });
    }
    if (sub.autoRenewYears) {
      const consentAt = `${addDays(termStart, 3)}T08:15:00.000Z`;
      events.push({
        type: 'auto_renew.enabled',
        at: consentAt,
        actor: 'alex@northwind.example',
        data: { termYears: sub.autoRenewYears },
      });
      await seedConsent(db, sub, { termEnd, at: consentAt });
    }
    if (cancelledAt)
      events.push({
        type: 'cancelled',
        at: cancelledAt,
        actor: 'alex@northwind.example',
        data: { reason: 'Pilot did not proceed' },
      });
    await db
      .insertInto('subscription_events')
      .values(
        events.map((event) => ({
          id: newId('sev'),
          subscription_id: sub.id,
          type: event.type,
          at: event.at,
          actor_user_id: null,
          actor_label: event.actor,
          data: toJson(event.data),
        })),
      )
      .execute();
  }
}

/**
 * An auto-renewing demo subscription has its consent on record, as the auto-renew page would have kept it
 * (no automatic charge happens without one): the words agreed to, the amount, who, when and from where.
 * The demo account has no saved card yet, so the run holds the renewal and asks the customer to save one.
 */
async function seedConsent(
  db: DbOrTx,
  sub: (typeof DEMO_SUBSCRIPTIONS)[number],
  input: { termEnd: string; at: string },
): Promise<void> {
  const years = sub.autoRenewYears ?? 1;
  const amountMinor = demoPrice(sub.planId, sub.currency) * sub.seats * years;
  const amount = `${(amountMinor / 100).toFixed(2)} ${sub.currency}`;
  await db
    .insertInto('auto_renew_consents')
    .values({
      id: newId('cns'),
      subscription_id: sub.id,
      account_id: sub.accountId,
      action: 'enabled',
      via: 'portal',
      user_id: 'usr_alex',
      actor_label: 'alex@northwind.example',
      term_years: years,
      amount_minor: amountMinor,
      currency: sub.currency,
      quote_id: null,
      terms_text: `I agree that ${sub.label} (${sub.seats} seats) renews automatically for ${years === 1 ? '1 year' : `${years} years`} at the end of the current term, and I authorise a charge of ${amount} to my saved card on ${input.termEnd}. I will be notified by e-mail before the charge, and I can turn auto-renew off at any time before the charge starts.`,
      terms_hash: null,
      locale: 'en',
      payment_method_id: null,
      ip: '198.51.100.24',
      user_agent: 'Mozilla/5.0 (demo data)',
      at: input.at,
      term_end: input.termEnd,
    })
    .execute();
}
