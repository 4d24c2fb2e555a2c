// The run's notice step and the charge gate, both from the obligations derived afresh (decision 009). The run
// looks at the renewals whose `notice_check_date` has come (an index; triggers set it to "now" when a fact
// changes), derives what is due, sends today's notices as one e-mail stating exactly the charge (recorded
// with what it stated, under a ledger key naming that statement, so a re-run or a crash never sends it twice),
// moves the charge date when the law asks for more time (the notice says what changed), or holds the renewal
// and tells the customer why and what to do. The charge step asks `chargeGate`, which derives again.

import { createHash } from 'node:crypto';
import { addDays, type CalendarDate, compareDates, daysBetween } from '@portal/shared/dates';
import type { NoticeKind } from '@portal/shared/notice-policy';
import type { Tx } from '../../platform/db/connection.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { claimAction, completeAction } from '../../platform/jobs/ledger.ts';
import {
  renderAutoRenewNotice,
  renderOpsAlert,
  renderRenewalHeld,
} from '../../platform/notifications/templates/auto-renew.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import type { QuoteRecord } from '../offers/service.ts';
import { recordSubscriptionEvent } from '../subscriptions/service.ts';
import { savedCard } from './cards.ts';
import { enqueueToRecipients, optOutUrl, portalLinks, renewalRecipients } from './emails.ts';
import { isPriceIncrease, obligationsOf, type RenewalFacts, sentNotices } from './obligations.ts';
import { graceEndOf, SYSTEM_ACTOR } from './planning.ts';
import * as repo from './repo.ts';
import { bump, isStopping, RENEWALS_JOB, type RunContext } from './run-context.ts';

const PAGE = 500;
/** A notice kind, or 'change': the customer told that the charge moved (no window of its own). */
type SendKind = NoticeKind | 'change';
/** Renewals whose notices the run still manages (a charge under way or in dunning has its own e-mails). */
const NOTICE_STATES = new Set(['scheduled', 'deferred']);

/** Derives and acts on the obligations of every renewal whose check date has come. */
export async function checkDueObligations(rc: RunContext): Promise<void> {
  let after: { checkDate: string; id: string } | null = null;
  // A renewal checked now may get today as its next check date (something still due): once per run.
  const seen = new Set<string>();
  for (;;) {
    if (isStopping(rc)) return;
    const page = await repo.listRenewalsToCheck(rc.deps.db, { date: rc.forDate, after, limit: PAGE });
    if (page.length === 0) return;
    for (const renewal of page) {
      await rc.yieldNow();
      if (isStopping(rc)) return;
      if (seen.has(renewal.id)) continue;
      seen.add(renewal.id);
      try {
        await checkRenewal(rc, renewal);
      } catch (error) {
        bump(rc, 'errors');
        rc.deps.logger.error({ err: error, renewalId: renewal.id }, 'notice obligations step failed');
      }
    }
    const last = page[page.length - 1];
    if (!last?.notice_check_date) return;
    after = { checkDate: last.notice_check_date, id: last.id };
  }
}

/**
 * Derives one renewal's obligations and acts on them: sends what is due today, moves the charge date or holds
 * the renewal. Returns the facts (null when the renewal is not the running term's open renewal any more).
 */
export async function checkRenewal(rc: RunContext, renewal: repo.RenewalRow): Promise<RenewalFacts | null> {
  const { deps } = rc;
  const ctx = await repo.findSubscriptionContext(deps.db, renewal.subscription_id);
  const isCurrent =
    ctx && !ctx.cancelled_at && ctx.auto_renew_enabled === 1 && ctx.term_end === renewal.term_end;
  if (!ctx || !isCurrent || !NOTICE_STATES.has(renewal.state)) {
    await repo.updateRenewal(deps.db, renewal.id, { notice_check_date: null });
    return null;
  }
  let facts = await obligationsOf(deps, renewal, ctx, { today: rc.forDate, mayCreateQuote: true });
  const { obligations } = facts;
  if (obligations.hold) {
    await hold(rc, renewal, ctx, facts);
    return facts;
  }
  const kinds: SendKind[] = obligations.mustTellNewDate ? ['change'] : obligations.dueToday;
  if (kinds.length > 0 && facts.quote && facts.charge && obligations.chargeDate) {
    await sendNotice(rc, { renewal, ctx, facts, kinds });
    facts = await obligationsOf(deps, renewal, ctx, { today: rc.forDate, mayCreateQuote: false });
  }
  if (facts.obligations.isMoved && facts.obligations.chargeDate !== renewal.deferred_until) {
    await tellOpsMoved(rc, ctx, facts.obligations.chargeDate as CalendarDate);
  }
  await settleDates(rc, renewal, facts);
  return facts;
}

/** The renewal's dates follow the derived charge date; the next check is the next notice's day. */
async function settleDates(rc: RunContext, renewal: repo.RenewalRow, facts: RenewalFacts): Promise<void> {
  const { obligations } = facts;
  const chargeDate = obligations.chargeDate;
  if (!chargeDate) return;
  // Anything still due today (a send another runner holds, or that failed) keeps it in today's next run.
  const next = obligations.mustTellNewDate ? rc.forDate : obligations.nextNoticeDate;
  const isAwaiting = obligations.required.some((r) => r.isAwaitingDelivery);
  const wasHeld = renewal.last_error_code?.startsWith('held_') === true;
  await repo.transitionRenewal(rc.deps.db, renewal.id, [...NOTICE_STATES], {
    state: obligations.isMoved ? 'deferred' : wasHeld ? 'scheduled' : renewal.state,
    due_date: compareDates(chargeDate, rc.forDate) < 0 ? rc.forDate : chargeDate,
    deferred_until: obligations.isMoved ? chargeDate : null,
    notice_check_date: next ?? (isAwaiting ? addDays(rc.forDate, 1) : null),
    ...(wasHeld ? { last_error_code: null, last_error_message: null } : {}),
    ...(obligations.isMoved
      ? {
          last_error_code: 'notice_lead_time',
          last_error_message: `The charge moved to ${chargeDate}: the customer gets the notice's full lead time.`,
        }
      : {}),
    updated_at: rc.deps.clock.now().toISOString(),
  });
}

function statementKey(ctx: repo.SubscriptionContext, chargeDate: CalendarDate, facts: RenewalFacts): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([facts.charge, chargeDate]))
    .digest('hex')
    .slice(0, 12);
  return `notice:${ctx.id}:${ctx.term_end}:${chargeDate}:${digest}`;
}

async function sendNotice(
  rc: RunContext,
  input: { renewal: repo.RenewalRow; ctx: repo.SubscriptionContext; facts: RenewalFacts; kinds: SendKind[] },
): Promise<void> {
  const { deps } = rc;
  const { renewal, ctx, facts, kinds } = input;
  const quote = facts.quote as QuoteRecord;
  const charge = facts.charge as NonNullable<RenewalFacts['charge']>;
  const chargeDate = facts.obligations.chargeDate as CalendarDate;
  const key = `${statementKey(ctx, chargeDate, facts)}:${kinds.join('+')}`;
  const claim = await claimAction(deps.db, {
    key,
    job: RENEWALS_JOB,
    runId: rc.runId,
    now: deps.clock.now(),
    leaseMs: rc.leaseMs,
  });
  if (claim.kind === 'busy' || claim.kind === 'done') {
    bump(rc, claim.kind === 'busy' ? 'busy' : 'already_done');
    return;
  }
  if (claim.kind === 'resumed') bump(rc, 'resumed');
  await rc.hooks.afterClaim?.(key);

  const kind: NoticeKind = kinds.includes('price_change')
    ? 'price_change'
    : kinds[0] === 'change' || !kinds[0]
      ? 'advance'
      : kinds[0];
  const locale = asEmailLocale(ctx.account_locale);
  const card = await savedCard(deps, { id: ctx.account_id, paymentMethodId: ctx.account_payment_method_id });
  const recipients = await renewalRecipients(deps, {
    id: ctx.account_id,
    billingEmail: ctx.account_billing_email,
  });
  const amount = { amountMinor: charge.amountMinor, currency: charge.currency };
  const yearlyNow = ctx.unit_price_minor * ctx.seats;
  const previous = (await sentNotices(deps, ctx.id, ctx.term_end)).at(-1)?.stated;
  const replaces =
    previous &&
    (previous.amountMinor !== charge.amountMinor ||
      previous.currency !== charge.currency ||
      previous.chargeDate !== chargeDate)
      ? {
          amount: { amountMinor: previous.amountMinor, currency: previous.currency },
          chargeDate: previous.chargeDate,
        }
      : null;
  const now = deps.clock.now();
  const optOut = await optOutUrl(deps, deps.db, {
    subscriptionId: ctx.id,
    validThrough: graceEndOf(ctx.term_end, deps.config.graceDays),
  });
  await deps.db.transaction().execute(async (tx) => {
    const content = renderAutoRenewNotice(locale, {
      kind,
      subscriptionLabel: ctx.label,
      planName: ctx.plan_name,
      seats: quote.seats,
      chargeDate,
      amount,
      termYears: charge.termYears,
      newTermStart: quote.term_start,
      newTermEnd: quote.term_end,
      card,
      policyLabel: facts.policy.label,
      priceChange:
        isPriceIncrease(ctx, quote) && quote.price_per_year_minor !== null
          ? {
              before: { amountMinor: yearlyNow, currency: ctx.currency },
              after: { amountMinor: quote.price_per_year_minor, currency: quote.currency },
            }
          : null,
      replaces,
      optOutUrl: optOut,
      manageUrl: portalLinks(deps.config.publicUrl, ctx.id).manage,
    });
    const sent = await enqueueToRecipients(tx, deps, {
      recipients,
      accountId: ctx.account_id,
      template: `auto_renew_notice_${kinds[0] === 'change' ? 'change' : kind}`,
      locale,
      content,
      dedupePrefix: key,
    });
    for (const [index, each] of kinds.entries()) {
      await repo.insertNotice(tx, {
        id: `ntc_${createHash('sha256').update(`${key}:${each}`).digest('hex').slice(0, 20)}`,
        subscription_id: ctx.id,
        account_id: ctx.account_id,
        renewal_id: renewal.id,
        term_end: ctx.term_end,
        kind: each,
        days_before: daysBetween(rc.forDate, chargeDate),
        due_date: rc.forDate,
        lead_days: 0,
        policy_id: facts.policy.id,
        is_required: 1,
        status: 'sent',
        amount_minor: charge.amountMinor,
        currency: charge.currency,
        recipients: recipients.length,
        sent_at: now.toISOString(),
        created_at: now.toISOString(),
        // Every kind sent in this e-mail shares its delivery: the first carries the e-mails' key.
        notice_key: index === 0 ? key : `${key}#${each}`,
        stated_charge_date: chargeDate,
        stated_term_years: charge.termYears,
        stated_payment_method_id: charge.paymentMethodId,
      });
    }
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: 'auto_renew.notice_sent',
      at: now,
      actor: SYSTEM_ACTOR,
      data: {
        kind,
        kinds,
        daysBefore: daysBetween(rc.forDate, chargeDate),
        chargeDate,
        isMoved: facts.obligations.isMoved,
        amount,
        policyId: facts.policy.id,
        recipients: recipients.length,
        ...(replaces ? { replaces } : {}),
      },
    });
    await completeAction(tx, key, {
      outcome: 'sent',
      detail: { recipients: recipients.length, enqueued: sent },
      now,
    });
  });
  bump(rc, 'notices_sent');
}

async function tellOpsMoved(rc: RunContext, ctx: repo.SubscriptionContext, chargeDate: CalendarDate) {
  const { deps } = rc;
  await deps.db.transaction().execute(async (tx) => {
    await enqueueToRecipients(tx, deps, {
      recipients: [deps.config.renewals.opsAlertEmail],
      accountId: null,
      template: 'ops_alert',
      locale: 'en',
      dedupePrefix: `alert:moved:${ctx.id}:${ctx.term_end}:${chargeDate}`,
      content: renderOpsAlert({
        subject: `Automatic charge held back: ${ctx.account_name} — ${ctx.label}`,
        lines: [
          `The automatic renewal of ${ctx.label} (${ctx.account_name}, subscription ${ctx.id}) due on ${ctx.term_end} moves to ${chargeDate}: the notices the law asks for need their full lead time. The customer was told the new date.`,
          `Service continues through the grace period.`,
        ],
        url: `${deps.config.publicUrl}/ops/renewals`,
      }),
    });
  });
}

/**
 * The e-mails telling the customer's admins and billing address, in the account's language, that the renewal
 * announced (the last notice's amount and date) will not happen as announced, why and what to do; once per
 * `dedupe` key. Used when the obligations hold a renewal and when the charge itself cannot go ahead.
 */
export async function customerHeldEmails(
  deps: AppDeps,
  ctx: repo.SubscriptionContext,
  input: { reason: string; dedupe: string },
): Promise<(tx: Tx) => Promise<void>> {
  const locale = asEmailLocale(ctx.account_locale);
  const recipients = await renewalRecipients(deps, {
    id: ctx.account_id,
    billingEmail: ctx.account_billing_email,
  });
  const announced = (await sentNotices(deps, ctx.id, ctx.term_end)).at(-1)?.stated ?? null;
  const content = renderRenewalHeld(locale, {
    subscriptionLabel: ctx.label,
    reason: input.reason,
    announced: announced
      ? {
          amount: { amountMinor: announced.amountMinor, currency: announced.currency },
          chargeDate: announced.chargeDate,
        }
      : null,
    lastDay: addDays(graceEndOf(ctx.term_end, deps.config.graceDays), -1),
    manageUrl: portalLinks(deps.config.publicUrl, ctx.id).manage,
  });
  return async (tx) => {
    await enqueueToRecipients(tx, deps, {
      recipients,
      accountId: ctx.account_id,
      template: 'auto_renew_held',
      locale,
      dedupePrefix: input.dedupe,
      content,
    });
  };
}

/** Holds the renewal (no charge), telling the customer why and what to do, and ops; once per reason. */
async function hold(
  rc: RunContext,
  renewal: repo.RenewalRow,
  ctx: repo.SubscriptionContext,
  facts: RenewalFacts,
): Promise<void> {
  const { deps } = rc;
  const reason = facts.obligations.hold as string;
  const code = `held_${reason}`;
  const graceEnd = graceEndOf(ctx.term_end, deps.config.graceDays);
  const now = deps.clock.now();
  const isNew = renewal.last_error_code !== code;
  const lastDay = addDays(graceEnd, -1);
  const dedupe = `held:${ctx.id}:${ctx.term_end}:${reason}`;
  const tellCustomer = await customerHeldEmails(deps, ctx, { reason, dedupe });
  const announced = (await sentNotices(deps, ctx.id, ctx.term_end)).at(-1)?.stated ?? null;
  const message = facts.quoteError?.message ?? `Held: ${reason.replaceAll('_', ' ')}.`;
  await deps.db.transaction().execute(async (tx) => {
    await repo.transitionRenewal(tx, renewal.id, [...NOTICE_STATES], {
      state: 'deferred',
      due_date: compareDates(graceEnd, rc.forDate) > 0 ? graceEnd : rc.forDate,
      deferred_until: null,
      notice_check_date: addDays(rc.forDate, 1),
      last_error_code: code,
      last_error_message: message,
      updated_at: now.toISOString(),
    });
    if (!isNew) return;
    await tellCustomer(tx);
    await enqueueToRecipients(tx, deps, {
      recipients: [deps.config.renewals.opsAlertEmail],
      accountId: null,
      template: 'ops_alert',
      locale: 'en',
      dedupePrefix: `alert:${dedupe}`,
      content: renderOpsAlert({
        subject: `Automatic renewal held: ${ctx.account_name} — ${ctx.label}`,
        lines: [
          `${ctx.label} (${ctx.account_name}, ${ctx.id}), term ending ${ctx.term_end}: ${message} The customer was told.`,
          `Service continues until ${lastDay}.`,
        ],
        url: `${deps.config.publicUrl}/ops/renewals`,
      }),
    });
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: 'auto_renew.held',
      at: now,
      actor: SYSTEM_ACTOR,
      data: { reason, termEnd: ctx.term_end, announced },
    });
  });
  if (isNew) bump(rc, 'renewals_held');
}

/**
 * The charge gate: derives the obligations again (sending what is due, moving or holding as needed) and gives
 * the quote to charge only when the charge is allowed today. Every charge goes through here.
 */
export async function chargeGate(rc: RunContext, renewal: repo.RenewalRow): Promise<QuoteRecord | null> {
  const isDunning = renewal.first_attempt_date !== null;
  if (isDunning) {
    const ctx = await repo.findSubscriptionContext(rc.deps.db, renewal.subscription_id);
    if (!ctx) return null;
    const facts = await obligationsOf(rc.deps, renewal, ctx, { today: rc.forDate, mayCreateQuote: false });
    return facts.obligations.mayChargeToday ? facts.quote : null;
  }
  const facts = await checkRenewal(rc, renewal);
  if (!facts?.obligations.mayChargeToday || !facts.quote) {
    bump(rc, 'charges_waiting');
    return null;
  }
  return facts.quote;
}
