// A consumer's "Cancel contract" (issue 10 item 8, decision 017). Step one (`getCancellationOffer`) derives
// from current facts whether the account has a legal right to end a contract renewed automatically, the last
// day of service and the prorated refund of unused prepaid time. Step two (`cancelContract`) derives them
// again, refuses with 409 if they differ from what the admin was shown, and in one transaction ends the
// contract, stops auto-renew, records the cancellation with the refunds it owes, audits it and e-mails the
// customer. The refunds are then made through the Stripe SDK, each under a key naming exactly that request,
// and converged into refunds and credit notes; one that fails is kept on the cancellation, audited, and tried
// again by the renewal run.

import {
  type CancellationDecision,
  cancellationRight,
  unusedRefund,
} from '@portal/shared/consumer-cancellation';
import { addDays, calendarDateIn, compareDates } from '@portal/shared/dates';
import { noticeWindow } from '@portal/shared/notice-obligations';
import type { TCancelContract, TCancellationOffer } from '@portal/shared/schemas/cancellation';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import { newId } from '../../platform/db/ids.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import { recordEvent } from '../../platform/events/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { renderContractCancelled } from '../../platform/notifications/templates/cancellation.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import { listPaidServiceSpans } from '../invoices/service.ts';
import { refundableMinor, refundUnusedTime, retireOpenCheckouts } from '../payments/service.ts';
import { endContractEarly, recordSubscriptionEvent } from '../subscriptions/service.ts';
import * as cancellations from './cancellations-repo.ts';
import { enqueueToRecipients, renewalRecipients } from './emails.ts';
import { noticePolicyFor } from './policies.ts';
import * as repo from './repo.ts';
import type { RequestMeta } from './service.ts';
import { stopAutoRenewIn } from './service.ts';

const ZPlannedRefunds = z.array(
  z.object({ paymentId: z.string(), amountMinor: z.number().int(), refundId: z.string().nullable() }),
);
type PlannedRefund = z.infer<typeof ZPlannedRefunds>[number];

type Derived = {
  decision: CancellationDecision;
  refunds: PlannedRefund[];
  refundMinor: number;
};

/** Whether the renewal into the running term was announced inside the first-notice window (French rule). */
async function wasRenewalNoticeInWindow(
  deps: AppDeps,
  ctx: repo.SubscriptionContext,
  renewedTermEnd: string,
): Promise<boolean> {
  const policy = await noticePolicyFor(deps.db, { country: ctx.account_country, region: ctx.account_region });
  const window = noticeWindow('advance', policy, renewedTermEnd);
  if (!window) return true;
  const sent = await cancellations.listFirstNoticesSent(deps.db, ctx.id, renewedTermEnd);
  return sent.some((notice) => {
    if (!notice.sent_at) return false;
    const day = calendarDateIn(new Date(notice.sent_at), deps.config.timeZone);
    return compareDates(day, window.from) >= 0 && compareDates(day, window.to) <= 0;
  });
}

/** The right, the end and the refunds, from the facts as they are now. */
async function derive(deps: AppDeps, ctx: repo.SubscriptionContext): Promise<Derived> {
  const renewal = await cancellations.findAutomaticRenewalInto(deps.db, ctx.id, ctx.term_start);
  const decision = cancellationRight({
    customerType: ctx.account_customer_type === 'consumer' ? 'consumer' : 'business',
    country: ctx.account_country,
    today: deps.clock.today(),
    termStart: ctx.term_start,
    termEnd: ctx.term_end,
    isRenewedAutomatically: renewal !== undefined,
    wasNoticeSentInWindow: renewal ? await wasRenewalNoticeInWindow(deps, ctx, renewal.term_end) : true,
    isCancelled: ctx.cancelled_at !== null,
  });
  if (!decision.right) return { decision, refunds: [], refundMinor: 0 };
  const refunds: PlannedRefund[] = [];
  for (const span of await listPaidServiceSpans(deps.db, ctx.id)) {
    const left = await refundableMinor(deps, span.paymentId);
    const refundedMinor = span.paidMinor - Math.min(left, span.paidMinor);
    const amountMinor = unusedRefund({ ...span, refundedMinor }, decision.endsOn);
    if (amountMinor > 0) refunds.push({ paymentId: span.paymentId, amountMinor, refundId: null });
  }
  return { decision, refunds, refundMinor: refunds.reduce((sum, r) => sum + r.amountMinor, 0) };
}

async function loadOwn(deps: AppDeps, accountId: string, subscriptionId: string) {
  const ctx = await repo.findSubscriptionContext(deps.db, subscriptionId);
  if (!ctx || ctx.account_id !== accountId) throw notFound('Subscription not found');
  return ctx;
}

/** Step one: what ending the contract now would mean (or why it cannot be ended early), for any member. */
export async function getCancellationOffer(
  deps: AppDeps,
  user: CustomerUser,
  subscriptionId: string,
): Promise<TCancellationOffer> {
  const ctx = await loadOwn(deps, user.accountId, subscriptionId);
  const done = await cancellations.findCancellation(deps.db, ctx.id);
  if (done) {
    return {
      right: null,
      reason: 'cancelled',
      lastDay: null,
      refund: null,
      canCancel: false,
      cancelled: {
        lastDay: addDays(done.ends_on, -1),
        refund: { amountMinor: done.refund_minor, currency: done.currency },
        refundState: done.state as 'refunding' | 'refunded' | 'refund_failed',
        at: done.requested_at,
      },
    };
  }
  const { decision, refundMinor } = await derive(deps, ctx);
  if (!decision.right) {
    return {
      right: null,
      reason: decision.reason,
      lastDay: null,
      refund: null,
      canCancel: false,
      cancelled: null,
    };
  }
  return {
    right: decision.right,
    reason: null,
    lastDay: addDays(decision.endsOn, -1),
    refund: { amountMinor: refundMinor, currency: ctx.currency },
    canCancel: user.role === 'customer_admin',
    cancelled: null,
  };
}

/**
 * Step two (admins): ends the contract as shown in step one. 409 when the figures changed since (the admin
 * sees the new ones), 422 without a right. Idempotent: a repeat after success answers with the cancellation.
 */
export async function cancelContract(
  deps: AppDeps,
  admin: CustomerUser,
  subscriptionId: string,
  input: TCancelContract,
  meta: RequestMeta,
): Promise<TCancellationOffer> {
  const ctx = await loadOwn(deps, admin.accountId, subscriptionId);
  if (await cancellations.findCancellation(deps.db, ctx.id)) {
    return getCancellationOffer(deps, admin, subscriptionId);
  }
  const { decision, refunds, refundMinor } = await derive(deps, ctx);
  if (!decision.right) {
    throw new AppError('rule_violated', 'This contract cannot be ended early.', {
      fields: { reason: decision.reason },
    });
  }
  const lastDay = addDays(decision.endsOn, -1);
  if (lastDay !== input.lastDay || refundMinor !== input.refundMinor) {
    throw new AppError('conflict', 'The end date or the refund changed; please review them again.');
  }
  const now = deps.clock.now();
  const actor = { userId: admin.id, label: admin.email };
  const locale = asEmailLocale(ctx.account_locale);
  const recipients = await renewalRecipients(deps, {
    id: ctx.account_id,
    billingEmail: ctx.account_billing_email,
  });
  const id = newId('ccl');
  const refund = { amountMinor: refundMinor, currency: ctx.currency };
  await deps.db.transaction().execute(async (tx) => {
    const isNew = await cancellations.insertCancellation(tx, {
      id,
      subscription_id: ctx.id,
      account_id: ctx.account_id,
      right: decision.right,
      previous_term_end: ctx.term_end,
      ends_on: decision.endsOn,
      refund_minor: refundMinor,
      currency: ctx.currency,
      refunds_json: toJson(refunds),
      state: refunds.length ? 'refunding' : 'refunded',
      refund_error: null,
      requested_by_user_id: admin.id,
      requested_by_label: admin.email,
      ip: meta.ip,
      user_agent: meta.userAgent,
      requested_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    if (!isNew) return;
    if (ctx.auto_renew_enabled === 1) {
      await stopAutoRenewIn(tx, ctx, actor, { via: 'portal', meta, locale, now });
    }
    await endContractEarly(tx, { subscriptionId: ctx.id, endsOn: decision.endsOn, at: now });
    const facts = {
      right: decision.right,
      lastDay,
      refund,
      previousTermEnd: ctx.term_end,
      cancellationId: id,
    };
    const cancelled = {
      subscriptionId: ctx.id,
      lastDay,
      endsOn: decision.endsOn,
      right: decision.right,
      refund,
    };
    await recordEvent(tx, {
      type: 'subscription.cancelled',
      accountId: ctx.account_id,
      subject: { type: 'subscription', id: ctx.id },
      data: cancelled,
      at: now,
    });
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: 'contract.cancelled',
      at: now,
      actor,
      data: facts,
    });
    await recordAudit(tx, {
      actor,
      accountId: ctx.account_id,
      entityType: 'subscription',
      entityId: ctx.id,
      action: 'subscription.contract_cancelled',
      before: { termEnd: ctx.term_end, autoRenew: ctx.auto_renew_enabled === 1 },
      after: { ...facts, ip: meta.ip, userAgent: meta.userAgent },
      at: now,
    });
    await enqueueToRecipients(tx, deps, {
      recipients,
      accountId: ctx.account_id,
      template: 'contract_cancelled',
      locale,
      dedupePrefix: `contract-cancelled:${id}`,
      content: renderContractCancelled(locale, {
        subscriptionLabel: ctx.label,
        by: admin.email,
        right: decision.right,
        lastDay,
        refund,
        invoicesUrl: `${deps.config.publicUrl}/invoices`,
      }),
    });
  });
  await retireOpenCheckouts(deps, ctx.id, 'contract_cancelled');
  const saved = await cancellations.findCancellation(deps.db, ctx.id);
  if (saved) await makeRefunds(deps, saved);
  return getCancellationOffer(deps, admin, subscriptionId);
}

/**
 * Makes the refunds a cancellation owes that are not made yet, each under its own key (a repeat is the same
 * request, so never a second refund), then records the outcome; a refusal is kept and audited once per reason.
 */
export async function makeRefunds(deps: AppDeps, cancellation: cancellations.CancellationRow): Promise<void> {
  const planned = ZPlannedRefunds.parse(fromJson<unknown>(cancellation.refunds_json, []));
  let error: string | null = null;
  for (const refund of planned) {
    if (refund.refundId) continue;
    try {
      const made = await refundUnusedTime(deps, {
        paymentId: refund.paymentId,
        amountMinor: refund.amountMinor,
        keyPrefix: `cancel-refund:${cancellation.id}`,
        metadata: { cancellation_id: cancellation.id, portal_reason: 'consumer_cancellation' },
      });
      refund.refundId = made?.refundId ?? 'none';
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      deps.logger.error({ err: failure, cancellationId: cancellation.id }, 'cancellation refund failed');
    }
  }
  const now = deps.clock.now();
  const state = error ? 'refund_failed' : 'refunded';
  await deps.db.transaction().execute(async (tx) => {
    await cancellations.updateCancellation(tx, cancellation.id, {
      state,
      refund_error: error,
      refunds_json: toJson(planned),
      updated_at: now.toISOString(),
    });
    if (error && error !== cancellation.refund_error) {
      await recordAudit(tx, {
        actor: { userId: null, label: 'system:payments' },
        accountId: cancellation.account_id,
        entityType: 'subscription',
        entityId: cancellation.subscription_id,
        action: 'subscription.cancellation_refund_failed',
        after: { cancellationId: cancellation.id, error },
        at: now,
      });
    }
  });
}

/** Tries again the refunds of cancellations not fully refunded (the renewal run calls it). */
export async function retryCancellationRefunds(deps: AppDeps): Promise<number> {
  const unfinished = await cancellations.listUnfinishedCancellations(deps.db, 100);
  for (const cancellation of unfinished) await makeRefunds(deps, cancellation);
  return unfinished.length;
}
