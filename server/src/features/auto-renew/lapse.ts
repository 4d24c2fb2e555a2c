// "Let a renewal lapse" from the portal (issue 14 item 5, decision 024). A customer admin decides that a
// subscription that would otherwise be renewed — by hand after reminders, or automatically — ends at the end
// of its running term. The reason and the save offer are asked for first on the same screen (retention's
// churn feedback, context 'lapse'); this records the decision: one 'declined' row for the subscription-term,
// which the run's reminders consult (run-notices.ts), auto-renew turned off through its usual path when it was
// on (its confirmation e-mail, history and audit included), a history event and an audit entry, in one
// transaction. Undo (admins) restores the reminders, never auto-renew: that needs its own consent. Paying a
// quote or turning auto-renew on clears the decision (lapse-state.ts).

import { addDays } from '@portal/shared/dates';
import type { TLapseRequest, TLapseState, TNoLapseReason } from '@portal/shared/schemas/lapse';
import { ZLapseRequest } from '@portal/shared/schemas/lapse';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import { newId } from '../../platform/db/ids.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { retireOpenCheckouts } from '../payments/service.ts';
import { listPaidAheadTerms, recordSubscriptionEvent } from '../subscriptions/service.ts';
import { renewalRecipients } from './emails.ts';
import * as lapses from './lapse-repo.ts';
import { standingLapse } from './lapse-state.ts';
import * as repo from './repo.ts';
import { type RequestMeta, turnOffIn } from './service.ts';

async function loadOwn(deps: AppDeps, accountId: string, subscriptionId: string) {
  const ctx = await repo.findSubscriptionContext(deps.db, subscriptionId);
  if (!ctx || ctx.account_id !== accountId) throw notFound('Subscription not found');
  return ctx;
}

/** Why the running term's renewal cannot be declined now (null: it can). */
async function cannotLapse(deps: AppDeps, ctx: repo.SubscriptionContext): Promise<TNoLapseReason | null> {
  const today = deps.clock.today();
  if (ctx.cancelled_at) return 'cancelled';
  if (ctx.term_end <= today) return 'ended';
  if ((await listPaidAheadTerms(deps, ctx.account_id, ctx.id, today)).length > 0) return 'paid_ahead';
  const open = await repo.listOpenRenewals(deps.db, ctx.id);
  if (open.some((renewal) => renewal.state === 'charging')) return 'charge_started';
  return null;
}

async function stateOf(
  deps: AppDeps,
  user: CustomerUser,
  ctx: repo.SubscriptionContext,
): Promise<TLapseState> {
  const standing = await standingLapse(deps.db, ctx.id, ctx.term_end);
  return {
    lapse: standing
      ? {
          lastDay: addDays(standing.term_end, -1),
          decidedAt: standing.decided_at,
          decidedBy: standing.decided_by_label,
          turnedOffAutoRenew: standing.turned_off_auto_renew === 1,
        }
      : null,
    cannotLapse: standing ? null : await cannotLapse(deps, ctx),
    canManage: user.role === 'customer_admin',
  };
}

/** The standing decision and whether one can be made (any customer user of the account; 404 otherwise). */
export async function getLapseState(deps: AppDeps, user: CustomerUser, subscriptionId: string) {
  return stateOf(deps, user, await loadOwn(deps, user.accountId, subscriptionId));
}

/**
 * Lets the running term's renewal lapse (admins). Idempotent: a repeat while the decision stands answers with
 * it. 422 when the subscription cannot renew anyway (cancelled, ended, next term paid), 409 once an automatic
 * charge has started.
 */
export async function letRenewalLapse(
  deps: AppDeps,
  admin: CustomerUser,
  subscriptionId: string,
  input: TLapseRequest,
  meta: RequestMeta,
): Promise<TLapseState> {
  const { feedbackId } = ZLapseRequest.parse(input);
  const ctx = await loadOwn(deps, admin.accountId, subscriptionId);
  if (await standingLapse(deps.db, ctx.id, ctx.term_end)) return stateOf(deps, admin, ctx);
  const reason = await cannotLapse(deps, ctx);
  if (reason === 'charge_started') {
    throw new AppError(
      'conflict',
      'The renewal payment has already started; it can no longer be stopped here.',
    );
  }
  if (reason) {
    throw new AppError(
      'rule_violated',
      'This subscription does not renew, so there is nothing to let lapse.',
      {
        fields: { status: reason },
      },
    );
  }
  const now = deps.clock.now();
  const actor = { userId: admin.id, label: admin.email };
  const isAutoRenewing = ctx.auto_renew_enabled === 1;
  const recipients = isAutoRenewing
    ? await renewalRecipients(deps, { id: ctx.account_id, billingEmail: ctx.account_billing_email })
    : [];
  const id = newId('lps');
  await deps.db.transaction().execute(async (tx) => {
    // A decision about an earlier term (renewed since without paying through the portal) ends here.
    const earlier = await lapses.findDeclined(tx, ctx.id);
    if (earlier) {
      await lapses.endDeclined(tx, earlier.id, {
        state: 'cleared',
        ended_by_label: admin.email,
        ended_at: now.toISOString(),
      });
    }
    const isNew = await lapses.insertDeclined(tx, {
      id,
      subscription_id: ctx.id,
      account_id: ctx.account_id,
      term_end: ctx.term_end,
      state: 'declined',
      feedback_id: feedbackId,
      turned_off_auto_renew: isAutoRenewing ? 1 : 0,
      decided_by_user_id: admin.id,
      decided_by_label: admin.email,
      decided_at: now.toISOString(),
      ended_by_label: null,
      ended_at: null,
    });
    if (!isNew) return; // a concurrent request made the same decision
    if (isAutoRenewing) {
      await turnOffIn(tx, deps, ctx, actor, { via: 'portal', meta, recipients, now });
    }
    const lastDay = addDays(ctx.term_end, -1);
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: 'renewal.declined',
      at: now,
      actor,
      data: { termEnd: ctx.term_end, lastDay, lapseId: id },
    });
    await recordAudit(tx, {
      actor,
      accountId: ctx.account_id,
      entityType: 'subscription',
      entityId: ctx.id,
      action: 'subscription.renewal_declined',
      before: { termEnd: ctx.term_end, autoRenew: isAutoRenewing },
      after: { lapseId: id, lastDay, feedbackId, turnedOffAutoRenew: isAutoRenewing, ip: meta.ip },
      at: now,
    });
  });
  if (isAutoRenewing) await retireOpenCheckouts(deps, ctx.id, 'auto_renew_off');
  return getLapseState(deps, admin, subscriptionId);
}

/** Undoes the standing decision (admins): reminders resume; auto-renew stays off (it needs its own consent). */
export async function undoLapse(
  deps: AppDeps,
  admin: CustomerUser,
  subscriptionId: string,
): Promise<TLapseState> {
  const ctx = await loadOwn(deps, admin.accountId, subscriptionId);
  const standing = await standingLapse(deps.db, ctx.id, ctx.term_end);
  if (!standing) return stateOf(deps, admin, ctx);
  const now = deps.clock.now();
  const actor = { userId: admin.id, label: admin.email };
  await deps.db.transaction().execute(async (tx) => {
    const ended = await lapses.endDeclined(tx, standing.id, {
      state: 'undone',
      ended_by_label: admin.email,
      ended_at: now.toISOString(),
    });
    if (!ended) return;
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: 'renewal.decline_undone',
      at: now,
      actor,
      data: { termEnd: standing.term_end, lapseId: standing.id },
    });
    await recordAudit(tx, {
      actor,
      accountId: ctx.account_id,
      entityType: 'subscription',
      entityId: ctx.id,
      action: 'subscription.renewal_decline_undone',
      before: { lapseId: standing.id, termEnd: standing.term_end },
      after: { remindersResume: true, autoRenew: false },
      at: now,
    });
  });
  return getLapseState(deps, admin, subscriptionId);
}
