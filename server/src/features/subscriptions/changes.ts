// Contract changes a payment buys, applied inside the payment's fulfilment transaction: a renewal (the term
// extended from the old end when paid before expiry or in grace, from the payment date after expiry), an
// upgrade (plan, seats, price and term per the quote, from now) or added seats (the term unchanged). Each
// checks that the subscription is still what the quote was priced against, writes a history event and an
// audit event, and returns the contract before and after.

import { addYears, type CalendarDate, compareDates } from '@portal/shared/dates';
import { renewalTermStart } from '@portal/shared/pricing';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Tx } from '../../platform/db/connection.ts';
import { recordEvent } from '../../platform/events/service.ts';
import { recordSubscriptionEvent } from './history.ts';
import * as repo from './repo.ts';

/** The subscription is no longer what the quote was priced against (another change came first, cancelled). */
export class SubscriptionChangedError extends Error {
  override readonly name = 'SubscriptionChangedError';
}

export type ContractBasis = { planId: string; seats: number; termStart: string; termEnd: string };
export type Contract = ContractBasis & { unitPriceMinor: number };
export type ContractChange = {
  subscriptionId: string;
  accountId: string;
  before: Contract;
  after: Contract;
  /** The period the payment buys (the new term; the rest of the term for added seats); end exclusive. */
  period: { start: CalendarDate; end: CalendarDate };
};

type Actor = { userId: string | null; label: string };

type ChangeCommon = {
  subscriptionId: string;
  /** The vendor's calendar day of the change: scheduled terms due by then start first. */
  today: CalendarDate;
  /** What the quote was priced against; a mismatch throws SubscriptionChangedError and changes nothing. */
  basis: ContractBasis;
  at: Date;
  actor: Actor;
  /** Added to the history and audit events (quote number, payment id, amount). */
  reference: Record<string, unknown>;
};

/**
 * Where a renewal paid on `paymentDate` starts and ends: from the old term_end when paid before expiry or
 * within the grace period (no gap, no lost days), from the payment date after that (DESIGN.md §4).
 */
export function renewedTerm(input: {
  termEnd: CalendarDate;
  paymentDate: CalendarDate;
  graceDays: number;
  termYears: number;
}): { termStart: CalendarDate; termEnd: CalendarDate } {
  const termStart = renewalTermStart({
    termEnd: input.termEnd,
    today: input.paymentDate,
    graceDays: input.graceDays,
  });
  return { termStart, termEnd: addYears(termStart, input.termYears) };
}

async function loadForChange(tx: Tx, input: ChangeCommon) {
  await startDueTerms(tx, { subscriptionId: input.subscriptionId, today: input.today, at: input.at });
  const row = await repo.findSubscriptionById(tx, input.subscriptionId);
  if (!row) throw new SubscriptionChangedError(`subscription ${input.subscriptionId} does not exist`);
  if (row.cancelled_at) throw new SubscriptionChangedError('the subscription was cancelled');
  const { basis } = input;
  if (
    row.plan_id !== basis.planId ||
    row.seats !== basis.seats ||
    row.term_start !== basis.termStart ||
    row.term_end !== basis.termEnd
  ) {
    throw new SubscriptionChangedError('the subscription changed since the quote was made');
  }
  const before: Contract = {
    planId: row.plan_id,
    seats: row.seats,
    unitPriceMinor: row.unit_price_minor,
    termStart: row.term_start,
    termEnd: row.term_end,
  };
  return { row, before };
}

/** Added seats are priced on the running term; a term paid ahead would keep its own seats under them. */
async function assertNothingScheduled(tx: Tx, subscriptionId: string): Promise<void> {
  if ((await repo.listScheduledTermsOfSubscription(tx, subscriptionId)).length > 0) {
    throw new SubscriptionChangedError('a paid next term is scheduled');
  }
}

async function save(
  tx: Tx,
  input: ChangeCommon,
  change: Omit<ContractChange, 'subscriptionId'>,
  event: { type: string; action: string; data: Record<string, unknown> },
  /** What the subscription row holds from now, when it is not `after` (a term paid ahead of its start). */
  running: Contract = change.after,
): Promise<ContractChange> {
  await repo.updateContract(tx, input.subscriptionId, { ...running, nowIso: input.at.toISOString() });
  const eventData = { subscriptionId: input.subscriptionId, ...change, ...input.reference, ...event.data };
  await recordEvent(tx, {
    type: event.type === 'renewed' ? 'subscription.renewed' : 'subscription.updated',
    accountId: change.accountId,
    subject: { type: 'subscription', id: input.subscriptionId },
    data: eventData,
    at: input.at,
  });
  await recordSubscriptionEvent(tx, {
    subscriptionId: input.subscriptionId,
    type: event.type,
    at: input.at,
    actor: input.actor,
    data: { ...event.data, ...input.reference },
  });
  await recordAudit(tx, {
    actor: input.actor,
    accountId: change.accountId,
    entityType: 'subscription',
    entityId: input.subscriptionId,
    action: event.action,
    before: change.before,
    after: { ...change.after, ...input.reference },
    at: input.at,
  });
  return { subscriptionId: input.subscriptionId, ...change };
}

/**
 * Renews for `termYears` (see `renewedTerm`) at the quote's seats and contracted price. Paid before expiry,
 * the running term keeps its start and its end moves out; the new term's own dates are in the history event.
 */
export async function applyRenewal(
  tx: Tx,
  input: ChangeCommon & {
    seats: number;
    unitPriceMinor: number;
    termYears: number;
    paymentDate: CalendarDate;
    graceDays: number;
  },
): Promise<ContractChange> {
  const { row, before } = await loadForChange(tx, input);
  const term = renewedTerm({
    termEnd: row.term_end,
    paymentDate: input.paymentDate,
    graceDays: input.graceDays,
    termYears: input.termYears,
  });
  const hasNewTermStarted = term.termStart <= input.paymentDate;
  const after: Contract = {
    planId: row.plan_id,
    seats: input.seats,
    unitPriceMinor: input.unitPriceMinor,
    termStart: term.termStart,
    termEnd: term.termEnd,
  };
  // Paid ahead: the new seats and price start with the term they pay for, never in the running one. The
  // running term keeps its contract; the row's end moves out (paid through), the new term is scheduled.
  const running: Contract = hasNewTermStarted ? after : { ...before, termEnd: term.termEnd };
  if (!hasNewTermStarted) {
    await repo.insertScheduledTerm(tx, {
      subscription_id: row.id,
      term_start: term.termStart,
      term_end: term.termEnd,
      plan_id: row.plan_id,
      seats: input.seats,
      unit_price_minor: input.unitPriceMinor,
      quote_id: typeof input.reference.quoteId === 'string' ? input.reference.quoteId : null,
      payment_id: typeof input.reference.paymentId === 'string' ? input.reference.paymentId : null,
      created_at: input.at.toISOString(),
    });
  }
  return save(
    tx,
    input,
    { accountId: row.account_id, before, after, period: { start: term.termStart, end: term.termEnd } },
    {
      type: 'renewed',
      action: 'subscription.renewed',
      data: {
        termStart: term.termStart,
        termEnd: term.termEnd,
        termYears: input.termYears,
        seats: input.seats,
        isScheduled: !hasNewTermStarted,
      },
    },
    running,
  );
}

/**
 * Starts every scheduled term of the subscription whose first day has come: its plan, seats and price become
 * the running contract, with a history and an audit event, in the caller's transaction. Idempotent.
 */
export async function startDueTerms(
  tx: Tx,
  input: { subscriptionId: string; today: CalendarDate; at: Date },
): Promise<number> {
  const due = await repo.listDueScheduledTerms(tx, input.today, input.subscriptionId);
  for (const term of due) {
    const row = await repo.findSubscriptionById(tx, term.subscription_id);
    await repo.deleteScheduledTerm(tx, term.subscription_id, term.term_start);
    if (!row || row.cancelled_at) continue;
    const before: Contract = {
      planId: row.plan_id,
      seats: row.seats,
      unitPriceMinor: row.unit_price_minor,
      termStart: row.term_start,
      termEnd: row.term_end,
    };
    const after: Contract = {
      planId: term.plan_id,
      seats: term.seats,
      unitPriceMinor: term.unit_price_minor,
      termStart: term.term_start,
      termEnd: compareDates(row.term_end, term.term_end) >= 0 ? row.term_end : term.term_end,
    };
    const actor = { userId: null, label: 'system:subscriptions' };
    await repo.updateContract(tx, row.id, { ...after, nowIso: input.at.toISOString() });
    const data = {
      quoteId: term.quote_id,
      paymentId: term.payment_id,
      seats: term.seats,
      termEnd: term.term_end,
    };
    await recordSubscriptionEvent(tx, {
      subscriptionId: row.id,
      type: 'term_started',
      at: input.at,
      actor,
      data,
    });
    await recordAudit(tx, {
      actor,
      accountId: row.account_id,
      entityType: 'subscription',
      entityId: row.id,
      action: 'subscription.term_started',
      before,
      after: { ...after, quoteId: term.quote_id, paymentId: term.payment_id },
      at: input.at,
    });
  }
  return due.length;
}

/** Upgrades now: plan, seats, contracted price and term exactly as the quote says. */
export async function applyUpgrade(
  tx: Tx,
  input: ChangeCommon & {
    planId: string;
    seats: number;
    unitPriceMinor: number;
    termStart: CalendarDate;
    termEnd: CalendarDate;
    termYears: number;
  },
): Promise<ContractChange> {
  const { row, before } = await loadForChange(tx, input);
  // Terms paid ahead were credited whole in the quote's price (its basis names the paid span's end, so a term
  // paid after the quote was made fails the basis check above): the upgrade replaces them.
  const replaced = await repo.listScheduledTermsOfSubscription(tx, row.id);
  for (const term of replaced) await repo.deleteScheduledTerm(tx, row.id, term.term_start);
  const after: Contract = {
    planId: input.planId,
    seats: input.seats,
    unitPriceMinor: input.unitPriceMinor,
    termStart: input.termStart,
    termEnd: input.termEnd,
  };
  return save(
    tx,
    input,
    { accountId: row.account_id, before, after, period: { start: input.termStart, end: input.termEnd } },
    {
      type: 'upgraded',
      action: 'subscription.upgraded',
      data: {
        fromPlanId: before.planId,
        toPlanId: input.planId,
        seats: input.seats,
        termStart: input.termStart,
        termEnd: input.termEnd,
        termYears: input.termYears,
        ...(replaced.length
          ? { replacedPaidTerms: replaced.map((t) => ({ termStart: t.term_start, termEnd: t.term_end })) }
          : {}),
      },
    },
  );
}

/** Adds seats to the running term (which must still run on the payment date); price and term unchanged. */
export async function applySeatChange(
  tx: Tx,
  input: ChangeCommon & { seats: number; paymentDate: CalendarDate },
): Promise<ContractChange> {
  const { row, before } = await loadForChange(tx, input);
  await assertNothingScheduled(tx, row.id);
  if (input.paymentDate >= row.term_end) {
    throw new SubscriptionChangedError('seats can only be added while the term runs');
  }
  const after: Contract = { ...before, seats: input.seats };
  return save(
    tx,
    input,
    { accountId: row.account_id, before, after, period: { start: input.paymentDate, end: row.term_end } },
    {
      type: 'seats_added',
      action: 'subscription.seats_added',
      data: { from: before.seats, to: input.seats },
    },
  );
}

/**
 * Turns auto-renew on after a checkout in which the admin ticked "renew automatically next time" and the
 * card was saved for off-session use; the consent (who, when, the words shown) is kept in the audit event.
 */
export async function enableAutoRenewAfterCheckout(
  tx: Tx,
  input: {
    subscriptionId: string;
    accountId: string;
    termYears: number;
    at: Date;
    actor: Actor;
    consent: { text: string; givenAt: string; givenBy: string };
  },
): Promise<void> {
  const row = await repo.findSubscriptionById(tx, input.subscriptionId);
  if (!row) return;
  const before = { enabled: row.auto_renew_enabled === 1, termYears: row.auto_renew_term_years };
  await repo.updateAutoRenew(tx, input.subscriptionId, {
    enabled: true,
    termYears: input.termYears,
    nowIso: input.at.toISOString(),
  });
  if (!before.enabled) {
    const data = { subscriptionId: input.subscriptionId, termYears: input.termYears, via: 'checkout' };
    await recordEvent(tx, {
      type: 'auto_renew.enabled',
      accountId: row.account_id,
      subject: { type: 'subscription', id: row.id },
      data,
      at: input.at,
    });
  }
  await recordSubscriptionEvent(tx, {
    subscriptionId: input.subscriptionId,
    type: 'auto_renew.enabled',
    at: input.at,
    actor: input.actor,
    data: { termYears: input.termYears, via: 'checkout' },
  });
  await recordAudit(tx, {
    actor: input.actor,
    accountId: input.accountId,
    entityType: 'subscription',
    entityId: input.subscriptionId,
    action: 'subscription.auto_renew_enabled',
    before,
    after: { enabled: true, termYears: input.termYears, consent: input.consent },
    at: input.at,
  });
}
