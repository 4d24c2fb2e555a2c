// The run's notice steps. Scheduled auto-renew notices are found by their due date (an index), reminders for
// manual renewals by `term_end` ranges (an index), a page at a time. Each send is recorded in the ledger under
// `notice:<sub>:<termEnd>:<days>` / `reminder:<sub>:<termEnd>:<days>` before anything is done, and the e-mails,
// the notice row, the history event and the ledger's "done" commit together; every e-mail carries a dedupe key
// derived from the ledger key, so a resumed claim cannot send twice either.

import { addDays, type CalendarDate, daysBetween } from '@portal/shared/dates';
import type { NoticeKind } from '@portal/shared/notice-policy';
import { REMINDER_DAYS_BEFORE, reminderTermEndRange } from '@portal/shared/notice-policy';
import type { THighlight } from '@portal/shared/schemas/value-reports';
import { newId } from '../db/ids.ts';
import { claimAction, completeAction } from '../jobs/ledger.ts';
import { lastCompletedRunDate } from '../jobs/runs.ts';
import { renderAutoRenewNotice } from '../notifications/templates/auto-renew.ts';
import { renderRenewalReminder } from '../notifications/templates/reminders.ts';
import { asEmailLocale } from '../notifications/templates/types.ts';
import { findQuoteRecord } from '../offers/quotes-service.ts';
import { recordSubscriptionEvent } from '../subscriptions/service.ts';
import { getValueReport } from '../value-reports/report.ts';
import { savedCard } from './cards.ts';
import { enqueueToRecipients, optOutUrl, portalLinks, renewalRecipients } from './emails.ts';
import { graceEndOf, SYSTEM_ACTOR } from './planning.ts';
import { findNoticePolicy } from './policies.ts';
import * as repo from './repo.ts';
import { bump, isStopping, RENEWALS_JOB, type RunContext } from './run-context.ts';

const PAGE = 500;
const OPEN_RENEWAL_STATES = new Set(['scheduled', 'deferred', 'retrying', 'requires_action']);

export function noticeKey(notice: {
  subscription_id: string;
  term_end: string;
  days_before: number;
}): string {
  return `notice:${notice.subscription_id}:${notice.term_end}:${notice.days_before}`;
}

/** Sends every scheduled notice due by the run's day (late ones too, unless a later one of the term is due). */
export async function sendDueNotices(rc: RunContext): Promise<void> {
  let after: { dueDate: string; id: string } | null = null;
  for (;;) {
    if (isStopping(rc)) return;
    const page = await repo.listDueNotices(rc.deps.db, { date: rc.forDate, after, limit: PAGE });
    if (page.length === 0) return;
    for (const notice of page) {
      if (isStopping(rc)) return;
      await sendNotice(rc, notice);
    }
    const last = page[page.length - 1];
    if (!last) return;
    after = { dueDate: last.due_date, id: last.id };
  }
}

/** Sends one scheduled notice (or sets it aside when it no longer applies). */
export async function sendNotice(rc: RunContext, notice: repo.NoticeRow): Promise<void> {
  const { deps } = rc;
  const ctx = await repo.findSubscriptionContext(deps.db, notice.subscription_id);
  const renewal = notice.renewal_id ? await repo.findRenewal(deps.db, notice.renewal_id) : undefined;
  const isStale =
    !ctx ||
    ctx.cancelled_at !== null ||
    ctx.auto_renew_enabled !== 1 ||
    ctx.term_end !== notice.term_end ||
    !renewal ||
    !OPEN_RENEWAL_STATES.has(renewal.state);
  if (isStale) {
    await repo.updateNotice(deps.db, notice.id, { status: 'cancelled' });
    bump(rc, 'notices_cancelled');
    return;
  }
  if (notice.due_date < rc.forDate && (await repo.hasLaterDueNotice(deps.db, notice, rc.forDate))) {
    await repo.updateNotice(deps.db, notice.id, { status: 'skipped' });
    bump(rc, 'notices_skipped');
    return;
  }
  const quote = renewal.quote_id
    ? await findQuoteRecord(deps.db, renewal.quote_id, ctx.account_id)
    : undefined;
  if (!quote) {
    bump(rc, 'notices_without_quote');
    return;
  }
  const key = noticeKey(notice);
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

  const locale = asEmailLocale(ctx.account_locale);
  const policy = notice.policy_id ? await findNoticePolicy(deps.db, notice.policy_id) : undefined;
  const card = await savedCard(deps, { id: ctx.account_id, paymentMethodId: ctx.account_payment_method_id });
  const recipients = await renewalRecipients(deps, {
    id: ctx.account_id,
    billingEmail: ctx.account_billing_email,
  });
  const amount = {
    amountMinor: Math.min(quote.total_minor, renewal.honoured_total_minor ?? quote.total_minor),
    currency: quote.currency,
  };
  const yearlyNow = ctx.unit_price_minor * ctx.seats;
  const isIncrease = quote.price_per_year_minor !== null && quote.price_per_year_minor > yearlyNow;
  const now = deps.clock.now();
  const optOut = await optOutUrl(deps, deps.db, {
    subscriptionId: ctx.id,
    validThrough: graceEndOf(ctx.term_end, deps.config.graceDays),
  });
  // Each transaction of the run starts with a write, so that another process's run waits for it instead of
  // failing on a stale read snapshot (SQLite in WAL mode).
  await deps.db.transaction().execute(async (tx) => {
    const content = renderAutoRenewNotice(locale, {
      kind: notice.kind as NoticeKind,
      subscriptionLabel: ctx.label,
      planName: ctx.plan_name,
      seats: quote.seats,
      chargeDate: ctx.term_end,
      amount,
      termYears: quote.term_years ?? renewal.term_years,
      newTermStart: quote.term_start,
      newTermEnd: quote.term_end,
      card,
      policyLabel: policy?.label ?? notice.policy_id ?? 'default',
      priceChange:
        isIncrease && quote.price_per_year_minor !== null
          ? {
              before: { amountMinor: yearlyNow, currency: ctx.currency },
              after: { amountMinor: quote.price_per_year_minor, currency: quote.currency },
            }
          : null,
      optOutUrl: optOut,
      manageUrl: portalLinks(deps.config.publicUrl, ctx.id).manage,
    });
    const sent = await enqueueToRecipients(tx, deps, {
      recipients,
      accountId: ctx.account_id,
      template: `auto_renew_notice_${notice.kind}`,
      locale,
      content,
      dedupePrefix: key,
    });
    await repo.updateNotice(tx, notice.id, {
      status: 'sent',
      sent_at: now.toISOString(),
      recipients: recipients.length,
      amount_minor: amount.amountMinor,
      currency: amount.currency,
    });
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: 'auto_renew.notice_sent',
      at: now,
      actor: SYSTEM_ACTOR,
      data: {
        kind: notice.kind,
        daysBefore: notice.days_before,
        dueDate: notice.due_date,
        isLate: notice.due_date < rc.forDate,
        chargeDate: ctx.term_end,
        amount,
        policyId: notice.policy_id,
        recipients: recipients.length,
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

/** Schedules a notice due today for a renewal that has none (planned without one), and sends it at once. */
export async function sendCatchUpNotice(
  rc: RunContext,
  input: { renewal: repo.RenewalRow; ctx: repo.SubscriptionContext; leadDays: number; policyId: string },
): Promise<void> {
  const { renewal, ctx } = input;
  const now = rc.deps.clock.now();
  const row = {
    id: newId('ntc'),
    subscription_id: ctx.id,
    account_id: ctx.account_id,
    renewal_id: renewal.id,
    term_end: renewal.term_end,
    kind: 'final',
    days_before: daysBetween(rc.forDate, renewal.term_end),
    due_date: rc.forDate,
    lead_days: input.leadDays,
    policy_id: input.policyId,
    is_required: 1,
    status: 'scheduled',
    amount_minor: null,
    currency: null,
    recipients: 0,
    sent_at: null,
    created_at: now.toISOString(),
  };
  await repo.insertNotice(rc.deps.db, row);
  const stored = (await repo.listNoticesOfTerm(rc.deps.db, ctx.id, renewal.term_end)).find(
    (n) => n.kind === 'final' && n.days_before === row.days_before,
  );
  if (stored?.status === 'scheduled') await sendNotice(rc, stored);
}

// ---- reminders for subscriptions renewed by hand (90, 60, 30 days) ----

/** Sends the day's reminders, catching up the days since the last completed run. */
export async function sendDueReminders(rc: RunContext): Promise<void> {
  const previous = await lastCompletedRunDate(rc.deps.db, RENEWALS_JOB);
  for (const daysBefore of REMINDER_DAYS_BEFORE) {
    const range = reminderTermEndRange(daysBefore, rc.forDate, previous);
    if (!range) continue;
    let after: { termEnd: string; id: string } | null = null;
    for (;;) {
      if (isStopping(rc)) return;
      const page = await repo.listReminderCandidates(rc.deps.db, {
        first: range.first,
        last: range.last,
        after,
        limit: PAGE,
      });
      if (page.length === 0) break;
      for (const candidate of page) {
        if (isStopping(rc)) return;
        await sendReminder(rc, candidate, daysBefore);
      }
      const last = page[page.length - 1];
      if (!last) break;
      after = { termEnd: last.term_end, id: last.id };
    }
  }
}

async function highlightsOf(rc: RunContext, ctx: repo.SubscriptionContext): Promise<THighlight[]> {
  try {
    return (await getValueReport(rc.deps, ctx.account_id, ctx.id, 'current')).highlights;
  } catch (error) {
    rc.deps.logger.warn({ err: error, subscriptionId: ctx.id }, 'no value report for the reminder');
    return [];
  }
}

export async function sendReminder(rc: RunContext, ctx: repo.SubscriptionContext, daysBefore: number) {
  const { deps } = rc;
  const key = `reminder:${ctx.id}:${ctx.term_end}:${daysBefore}`;
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

  const locale = asEmailLocale(ctx.account_locale);
  const links = portalLinks(deps.config.publicUrl, ctx.id);
  const highlights = await highlightsOf(rc, ctx);
  const recipients = await renewalRecipients(deps, {
    id: ctx.account_id,
    billingEmail: ctx.account_billing_email,
  });
  const lastDay: CalendarDate = addDays(ctx.term_end, -1);
  const content = renderRenewalReminder(locale, {
    accountName: ctx.account_name,
    subscriptionLabel: ctx.label,
    planName: ctx.plan_name,
    seats: ctx.seats,
    lastDay,
    daysLeft: daysBetween(rc.forDate, ctx.term_end),
    highlights,
    offersUrl: links.offers,
    valueReportUrl: links.valueReport,
    settingsUrl: links.reminderSettings,
  });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await enqueueToRecipients(tx, deps, {
      recipients,
      accountId: ctx.account_id,
      template: `renewal_reminder_${daysBefore}`,
      locale,
      content,
      dedupePrefix: key,
    });
    await repo.insertNotice(tx, {
      id: newId('ntc'),
      subscription_id: ctx.id,
      account_id: ctx.account_id,
      renewal_id: null,
      term_end: ctx.term_end,
      kind: 'reminder',
      days_before: daysBefore,
      due_date: addDays(ctx.term_end, -daysBefore),
      lead_days: 0,
      policy_id: null,
      is_required: 0,
      status: 'sent',
      amount_minor: null,
      currency: null,
      recipients: recipients.length,
      sent_at: now.toISOString(),
      created_at: now.toISOString(),
    });
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: 'renewal.reminder_sent',
      at: now,
      actor: SYSTEM_ACTOR,
      data: {
        daysBefore,
        termEnd: ctx.term_end,
        recipients: recipients.length,
        highlights: highlights.length,
      },
    });
    await completeAction(tx, key, { outcome: 'sent', detail: { recipients: recipients.length }, now });
  });
  bump(rc, 'reminders_sent');
}
