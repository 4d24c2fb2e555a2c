// Subscriptions as the customer sees them: status and days left derived from the dates by the one shared
// function, the history, and the auto-renew switch (admins only; needs a saved payment method).

import { addDays, type CalendarDate } from '@portal/shared/dates';
import type {
  TAutoRenewRequest,
  TSubscriptionDetail,
  TSubscriptionSummary,
} from '@portal/shared/schemas/subscriptions';
import { deriveSubscriptionStatus, nextActionFor } from '@portal/shared/status';
import { recordAudit } from '../audit/service.ts';
import type { CustomerUser } from '../auth/guards.ts';
import type { DbOrTx } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { fromJson, toJson } from '../db/json.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import * as repo from './repo.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findSubscription>>>;

export function toSummary(row: Row, today: CalendarDate, graceDays: number): TSubscriptionSummary {
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
    autoRenew: { enabled: isAutoRenew, termYears: row.auto_renew_term_years },
    annualValue: { amountMinor: row.unit_price_minor * row.seats, currency: row.currency },
    hasPendingPayment: false,
    nextAction: nextActionFor(derived.status, isAutoRenew),
  };
}

export async function listSubscriptions(deps: AppDeps, accountId: string): Promise<TSubscriptionSummary[]> {
  const rows = await repo.listSubscriptionsOfAccount(deps.db, accountId);
  const today = deps.clock.today();
  return rows.map((row) => toSummary(row, today, deps.config.graceDays));
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
  return {
    ...toSummary(row, deps.clock.today(), deps.config.graceDays),
    history: events.map((event) => ({
      id: event.id,
      type: event.type,
      at: event.at,
      actor: event.actor_label,
      data: fromJson<Record<string, unknown>>(event.data, {}),
    })),
  };
}

/** Appends to a subscription's history inside the caller's transaction. */
export async function recordSubscriptionEvent(
  tx: DbOrTx,
  event: {
    subscriptionId: string;
    type: string;
    at: Date;
    actor: { userId: string | null; label: string } | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await repo.insertEvent(tx, {
    id: newId('sev'),
    subscriptionId: event.subscriptionId,
    type: event.type,
    at: event.at.toISOString(),
    actorUserId: event.actor?.userId ?? null,
    actorLabel: event.actor?.label ?? null,
    data: toJson(event.data ?? {}),
  });
}

/**
 * Turns auto-renew on (needs a saved payment method and a term) or off. Audited, with a history event, in one
 * transaction. A subscription that is cancelled or expired cannot be switched on.
 */
export async function setAutoRenew(
  deps: AppDeps,
  actor: CustomerUser,
  subscriptionId: string,
  input: TAutoRenewRequest,
): Promise<TSubscriptionSummary> {
  const now = deps.clock.now();
  const row = await repo.findSubscription(deps.db, actor.accountId, subscriptionId);
  if (!row) throw notFound('Subscription not found');
  const summary = toSummary(row, deps.clock.today(), deps.config.graceDays);
  const termYears = input.enabled ? (input.termYears ?? row.auto_renew_term_years ?? 1) : null;
  if (input.enabled) {
    if (summary.status === 'cancelled' || summary.status === 'expired') {
      throw new AppError('rule_violated', 'A cancelled or expired subscription cannot renew automatically.');
    }
    if (!(await repo.findDefaultPaymentMethod(deps.db, actor.accountId))) {
      throw new AppError('rule_violated', 'Save a payment method before turning on auto-renew.', {
        fields: { paymentMethod: 'no saved payment method' },
      });
    }
  }
  if (summary.autoRenew.enabled === input.enabled && summary.autoRenew.termYears === termYears)
    return summary;
  const actorRef = { userId: actor.id, label: actor.email };
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateAutoRenew(tx, subscriptionId, {
      enabled: input.enabled,
      termYears,
      nowIso: now.toISOString(),
    });
    await recordSubscriptionEvent(tx, {
      subscriptionId,
      type: input.enabled ? 'auto_renew.enabled' : 'auto_renew.disabled',
      at: now,
      actor: actorRef,
      data: { termYears },
    });
    await recordAudit(tx, {
      actor: actorRef,
      accountId: actor.accountId,
      entityType: 'subscription',
      entityId: subscriptionId,
      action: input.enabled ? 'subscription.auto_renew_enabled' : 'subscription.auto_renew_disabled',
      before: summary.autoRenew,
      after: { enabled: input.enabled, termYears },
      at: now,
    });
  });
  return {
    ...summary,
    autoRenew: { enabled: input.enabled, termYears },
    nextAction: nextActionFor(summary.status, input.enabled),
  };
}
