// Subscriptions as the customer sees them: status and days left derived from the dates by the one shared
// function, and the history. (The auto-renew switch and its rules are the auto-renew feature's.)

import { addDays, type CalendarDate } from '@portal/shared/dates';
import { type PaidSpan, termYearsOf } from '@portal/shared/pricing';
import type { TSubscriptionDetail, TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import { deriveSubscriptionStatus, nextActionFor } from '@portal/shared/status';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { fromJson } from '../../platform/db/json.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { startDueTerms } from './changes.ts';
import { recordSubscriptionEvent } from './history.ts';
import * as repo from './repo.ts';

// The contract changes and the history are this feature's too; other features reach them through here.
export {
  applyRenewal,
  applySeatChange,
  applyUpgrade,
  type ContractChange,
  enableAutoRenewAfterCheckout,
  SubscriptionChangedError,
} from './changes.ts';
export {
  findSubscriptionContext,
  findSubscriptionContexts,
  listSubscriptionContexts,
  type SubscriptionContext,
} from './repo.ts';
export { recordSubscriptionEvent };

type Row = NonNullable<Awaited<ReturnType<typeof repo.findSubscription>>>;

/** The first scheduled term of each subscription (terms already started are never shown as "next"). */
function nextTermsBySubscription(terms: repo.ScheduledTermRow[], today: CalendarDate) {
  const next = new Map<string, TSubscriptionSummary['nextTerm']>();
  for (const term of terms) {
    if (term.term_start <= today || next.has(term.subscription_id)) continue;
    next.set(term.subscription_id, {
      termStart: term.term_start,
      termEnd: term.term_end,
      lastDay: addDays(term.term_end, -1),
      plan: { code: term.plan_code, name: term.plan_name },
      seats: term.seats,
    });
  }
  return next;
}

export function toSummary(
  row: Row,
  today: CalendarDate,
  graceDays: number,
  hasPendingPayment = false,
  nextTerm: TSubscriptionSummary['nextTerm'] = null,
): TSubscriptionSummary {
  const derived = deriveSubscriptionStatus({
    termEnd: row.term_end,
    cancelledAt: row.cancelled_at,
    today,
    graceDays,
  });
  const isAutoRenew = row.auto_renew_enabled === 1;
  return {
    id: row.id,
    label: row.label,
    plan: { id: row.plan_id, code: row.plan_code, name: row.plan_name, tierRank: row.plan_tier_rank },
    seats: row.seats,
    currency: row.currency,
    termStart: row.term_start,
    termEnd: row.term_end,
    lastDay: addDays(row.term_end, -1),
    status: derived.status,
    cancelledAt: row.cancelled_at,
    daysLeft: derived.daysLeft,
    graceDaysLeft: derived.graceDaysLeft,
    autoRenew: {
      enabled: isAutoRenew,
      termYears: row.auto_renew_term_years,
      askConsent: row.auto_renew_elsewhere === 1 && !isAutoRenew && !row.cancelled_at,
    },
    annualValue: { amountMinor: row.unit_price_minor * row.seats, currency: row.currency },
    hasPendingPayment,
    nextAction: nextActionFor(derived.status, isAutoRenew),
    nextTerm,
  };
}

export async function listSubscriptions(deps: AppDeps, accountId: string): Promise<TSubscriptionSummary[]> {
  const rows = await repo.listSubscriptionsOfAccount(deps.db, accountId);
  const today = deps.clock.today();
  const scheduled = rows.some((row) => row.has_scheduled_term)
    ? await repo.listScheduledTerms(deps.db, accountId)
    : [];
  const next = nextTermsBySubscription(scheduled, today);
  return rows.map((row) =>
    toSummary(row, today, deps.config.graceDays, Boolean(row.has_pending_payment), next.get(row.id) ?? null),
  );
}

/** One subscription of the account, or 404 (also for another account's id). */
export async function getSubscription(
  deps: AppDeps,
  accountId: string,
  id: string,
): Promise<TSubscriptionDetail> {
  const row = await repo.findSubscription(deps.db, accountId, id);
  if (!row) throw notFound('Subscription not found');
  const events = await repo.listEvents(deps.db, id);
  const today = deps.clock.today();
  const scheduled = row.has_scheduled_term ? await repo.listScheduledTerms(deps.db, accountId, id) : [];
  const next = nextTermsBySubscription(scheduled, today);
  return {
    ...toSummary(row, today, deps.config.graceDays, Boolean(row.has_pending_payment), next.get(id) ?? null),
    history: events.map((event) => ({
      id: event.id,
      type: event.type,
      at: event.at,
      actor: event.actor_label,
      data: fromJson<Record<string, unknown>>(event.data, {}),
    })),
  };
}

/** Sets the auto-renew flag and term inside the caller's transaction (the auto-renew feature owns the rules). */
export async function setAutoRenewFlag(
  tx: DbOrTx,
  subscriptionId: string,
  values: { enabled: boolean; termYears: number | null; nowIso: string },
): Promise<void> {
  await repo.updateAutoRenew(tx, subscriptionId, values);
}

/**
 * The terms paid ahead that have not started by `today`, each with the value paid for it (its contracted
 * price per seat per year × seats × years, before tax), for an upgrade's credit (decision 010).
 */
export async function listPaidAheadTerms(
  deps: { db: DbOrTx },
  accountId: string,
  subscriptionId: string,
  today: CalendarDate,
): Promise<PaidSpan[]> {
  const terms = await repo.listScheduledTerms(deps.db, accountId, subscriptionId);
  return terms
    .filter((term) => term.term_start > today)
    .map((term) => ({
      planCode: term.plan_code,
      termValueMinor: term.unit_price_minor * term.seats * termYearsOf(term.term_start, term.term_end),
      termStart: term.term_start,
      termEnd: term.term_end,
    }));
}

/**
 * Ends a contract early inside the caller's transaction (a consumer's legal right, decision 017): service
 * stops on `endsOn` (the first day without it), the subscription is cancelled and no longer renews, and terms
 * paid ahead from that day on are dropped (the caller refunds their money). The auto-renew feature owns the rules.
 */
export async function endContractEarly(
  tx: DbOrTx,
  input: { subscriptionId: string; endsOn: CalendarDate; at: Date },
): Promise<void> {
  const nowIso = input.at.toISOString();
  await repo.endContract(tx, input.subscriptionId, { termEnd: input.endsOn, cancelledAt: nowIso, nowIso });
}

/**
 * Starts the scheduled terms whose first day has come, one subscription per transaction (run by the payments
 * sweep every few minutes and at start-up; a fulfilment also starts its subscription's due terms first).
 */
export async function startDueScheduledTerms(deps: AppDeps): Promise<number> {
  const today = deps.clock.today();
  let started = 0;
  const due = await repo.listDueScheduledTerms(deps.db, today);
  for (const subscriptionId of new Set(due.map((t) => t.subscription_id))) {
    started += await deps.db
      .transaction()
      .execute((tx) => startDueTerms(tx, { subscriptionId, today, at: deps.clock.now() }));
  }
  return started;
}

// Subscriptions loaded by the vendor's systems (vendor-api, imports, ops workspace).
export { assignSubscriptionExternalId, listVendorSubscriptionsOfAccount } from './external-ids.ts';
export {
  findVendorSubscription,
  listVendorSubscriptions,
  type ResolvedSubscriptionRecord,
  type SubscriptionUpsertOutcome,
  toVendorSubscription,
  upsertSubscriptionRecords,
} from './vendor-records.ts';
