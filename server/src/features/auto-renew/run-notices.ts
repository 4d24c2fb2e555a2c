// The run's reminders for manual renewals, found by `term_end` ranges (an index), a page at a time (the notices
// before an automatic charge are derived: run-obligations.ts). Each send is recorded in the ledger under
// `reminder:<sub>:<termEnd>:<days>` before anything is done, and the e-mails, the notice row, the history event
// and the ledger's "done" commit together; every e-mail carries a dedupe key derived from the ledger key, so a
// resumed claim cannot send twice either.

import { addDays, type CalendarDate, daysBetween } from '@portal/shared/dates';
import { REMINDER_DAYS_BEFORE, reminderTermEndRange } from '@portal/shared/notice-policy';
import type { THighlight } from '@portal/shared/schemas/value-reports';
import { newId } from '../../platform/db/ids.ts';
import { claimAction, completeAction } from '../../platform/jobs/ledger.ts';
import { lastCompletedRunDate } from '../../platform/jobs/runs.ts';
import { renderRenewalReminder } from '../../platform/notifications/templates/reminders.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import { recordSubscriptionEvent } from '../subscriptions/service.ts';
import { getValueReport } from '../value-reports/service.ts';
import { enqueueToRecipients, portalLinks, renewalRecipients } from './emails.ts';
import { SYSTEM_ACTOR } from './planning.ts';
import * as repo from './repo.ts';
import { bump, isStopping, RENEWALS_JOB, type RunContext } from './run-context.ts';

const PAGE = 500;

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
        await rc.yieldNow();
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
      notice_key: key,
      stated_charge_date: null,
      stated_term_years: null,
      stated_payment_method_id: null,
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
